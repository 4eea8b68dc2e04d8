import * as z from 'zod';
import type { Reflection } from '../ai/types.js';
import type { PauzContext } from '../context.js';
import { localDate, timeZoneSchema } from '../dates.js';
import { PauzError } from '../errors.js';
import type { FreeJournal } from '../free-journal/free-journal.js';
import type { Garden } from '../garden/garden.js';
import type { Flower } from '../garden/types.js';
import type { CallOptions } from '../upstream.js';
import { parseInput } from '../validation.js';

/**
 * What {@link Reflections.reflect} answers: the Writer's reflection and the session's flower.
 *
 * @category Domain
 */
export interface ReflectionResult extends Reflection {
  /** The flower the reflection planted (or updated) for the session. */
  flower: Flower;
}

/**
 * Input of {@link Reflections.reflect}.
 *
 * @category Schemas
 */
export const reflectInputSchema = z.strictObject({
  /** IANA time zone for the date of a newly planted flower. Default UTC. */
  timeZone: timeZoneSchema.optional(),
});

/**
 * Input of {@link Reflections.reflect}.
 *
 * @category Schemas
 */
export type ReflectInput = z.input<typeof reflectInputSchema>;

/**
 * Reflection on a free-journal session: mood, summary, insights, next questions, one flower.
 *
 * @category Services
 */
export class Reflections {
  /** @internal Built by {@link createPauz}; the constructor is not API. */
  static create(ctx: PauzContext, sessions: FreeJournal, garden: Garden): Reflections {
    return new Reflections(ctx, sessions, garden);
  }

  private constructor(
    private readonly ctx: PauzContext,
    private readonly sessions: FreeJournal,
    private readonly garden: Garden,
  ) {}

  /**
   * Asks the Writer to reflect on the session, sets the session's mood and plants the
   * session's reflection flower — or updates it: one per session, however often this
   * is called. `VALIDATION_FAILED` for a session with no text yet. `signal` aborts
   * the Writer call (`ABORTED`, nothing changed); the mood and flower that follow it
   * are SQL writes, made whatever the signal says.
   */
  async reflect(userId: string, sessionId: string, input: ReflectInput = {}, options: CallOptions = {}): Promise<ReflectionResult> {
    const { timeZone } = parseInput(reflectInputSchema, input, 'reflect request');
    const session = await this.sessions.get(userId, sessionId);
    if (session.content.trim() === '') {
      throw new PauzError('VALIDATION_FAILED', 'There is nothing to reflect on yet: the session is empty', {
        errors: [{ field: 'content', message: 'the session has no text' }],
      });
    }
    const reflection = await this.ctx.writer.reflect({ content: session.content, signal: options.signal });
    await this.sessions.setMood(userId, sessionId, reflection.mood);
    const flower = await this.garden.plantReflection(userId, sessionId, {
      mood: reflection.mood,
      note: reflection.summary,
      date: localDate(this.ctx.clock.now(), timeZone ?? 'UTC'),
    });
    return { ...reflection, flower };
  }
}
