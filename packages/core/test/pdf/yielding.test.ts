import { describe, expect, it } from 'vitest';
import { freeJournalPdfDocument } from '../../src/pdf/builders/free-journal.js';
import { renderJournalPdf } from '../../src/pdf/render.js';

/*
 * A long export must not hold up the other requests of the process: the renderer
 * hands the event loop back once per page, while it typesets and while it
 * compresses. Counted in turns of the event loop, not in milliseconds.
 */

const SENTENCE = 'Walked to the river before work and watched the light change on the water again. ';

async function renderCountingTurns(content: string): Promise<{ pages: number; turnsBeforeFooters: number; turns: number }> {
  let turns = 0;
  let rendering = true;
  const spin = (): void => {
    if (!rendering) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  let pages = 0;
  let turnsBeforeFooters: number | undefined;
  const doc = freeJournalPdfDocument({ title: 'A long month', createdAt: '2026-06-15T12:00:00Z', content });
  try {
    const bytes = await renderJournalPdf(doc, {
      pageLabel: (page, count) => {
        pages = count;
        turnsBeforeFooters ??= turns;
        return `${page} / ${count}`;
      },
    });
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
  } finally {
    rendering = false;
  }
  return { pages, turnsBeforeFooters: turnsBeforeFooters ?? 0, turns };
}

describe('renderJournalPdf and the event loop', () => {
  it('gives other work a turn on every page of a long journal, while typesetting and while compressing', async () => {
    const paragraphs = Array.from({ length: 160 }, (_, i) => `${i + 1}. ${SENTENCE.repeat(8)}`);
    const { pages, turnsBeforeFooters, turns } = await renderCountingTurns(paragraphs.join('\n\n'));
    expect(pages).toBeGreaterThanOrEqual(20);
    expect(turnsBeforeFooters).toBeGreaterThanOrEqual(pages - 1);
    expect(turns - turnsBeforeFooters).toBeGreaterThanOrEqual(pages);
  });

  it('does the same for one paragraph that fills every page', async () => {
    const { pages, turnsBeforeFooters } = await renderCountingTurns(SENTENCE.repeat(1_300));
    expect(pages).toBeGreaterThanOrEqual(20);
    expect(turnsBeforeFooters).toBeGreaterThanOrEqual(pages - 1);
  });
});
