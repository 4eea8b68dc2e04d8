/**
 * An emulator of Raindrop's AI binding (`env.AI`, §3 of the Raindrop wire facts, `shared/spec/raindrop.md`), in two halves wired
 * the way a Workers-runtime AI binding is (workerd's own `Ai` binding,
 * `cloudflare/internal/ai-api.ts`):
 *
 * - the **binding**, which runs in the calling isolate: `run(model, input)` serialises
 *   `{inputs, options}` with `JSON.stringify` (a `Uint8Array` becomes `{"0":…}`, not an
 *   array, so it is refused like the real one would refuse it; and the isolate pays
 *   for the JSON text, ~3.6 bytes per audio byte), POSTs it to the model service and
 *   throws an `InferenceUpstreamError` `"<code>: <description>"` on an error status;
 * - the **model service**, which answers what crossed the wire: Whisper models take
 *   `{audio: number[]}` and answer `{text, word_count}` with a text derived from the
 *   bytes ({@link emulatedTranscript}); chat models take `{messages, max_tokens,
 *   temperature}` and answer `{choices: [{message: {content}}]}` or the older
 *   `{response}`; failures (error status, slow, hanging, malformed output) on demand.
 *
 * Inside workerd the binding is a miniflare wrapped binding and the model service a
 * function in Node ({@link raindropAiMiniflareBinding}); in Node both halves run in
 * process ({@link raindropAiEmulator}'s `binding`). Runtime-neutral: only Fetch API.
 */
import type { AiBinding } from '../../raindrop/ai-transcriber.js';
import { type ChatInput, defaultChatReply } from './chat-replies.js';

/**
 * The speech-to-text model names the emulator knows (§3 of the Raindrop wire facts).
 *
 * @category Testing
 */
export const RAINDROP_AI_SPEECH_MODELS: readonly string[] = Object.freeze(['whisper-large-v3', 'whisper-large-v3-turbo', '@cf/openai/whisper']);

/**
 * The chat model names the emulator knows (§3 of the Raindrop wire facts).
 *
 * @category Testing
 */
export const RAINDROP_AI_CHAT_MODELS: readonly string[] = Object.freeze(['llama-3.3-70b', 'llama-3.1-8b-instruct', 'deepseek-r1']);

/**
 * How the emulated models answer: `ok`; `fail` (an error status, thrown by the binding
 * as `InferenceUpstreamError`); `slow` (`ok` after `delayMs`); `hang` (never); or
 * `malformed` (an output of neither documented shape).
 *
 * @category Testing
 */
export type RaindropAiMode = 'ok' | 'fail' | 'slow' | 'hang' | 'malformed';

/**
 * The output shape of chat models: `choices` (`choices[0].message.content`, current
 * docs) or `response` (older docs).
 *
 * @category Testing
 */
export type RaindropAiChatShape = 'choices' | 'response';

/**
 * One model run the emulator answered: the model and the input as it crossed the
 * wire (parsed back from the JSON the binding sent).
 *
 * @category Testing
 */
export interface RaindropAiCall {
  /** The model name passed to `run`. */
  model: string;
  /** The input as the model service received it. */
  input: Record<string, unknown>;
  /** Size of the JSON request body the binding sent, in bytes. */
  bodyBytes: number;
}

/**
 * Options of {@link raindropAiEmulator} and {@link raindropAiMiniflareBinding}.
 *
 * @category Testing
 */
export interface RaindropAiEmulatorOptions {
  /**
   * How the models answer.
   *
   * @defaultValue `'ok'`
   */
  mode?: RaindropAiMode;
  /**
   * The output shape of chat models.
   *
   * @defaultValue `'choices'`
   */
  shape?: RaindropAiChatShape;
  /**
   * How long a `slow` run takes, in milliseconds.
   *
   * @defaultValue `1000`
   */
  delayMs?: number;
  /**
   * The chat answer (a string, or any JSON value for an already parsed `response`);
   * a function gets the chat input.
   *
   * @defaultValue a valid JSON answer to whichever Pauz writer prompt was sent
   */
  reply?: unknown;
}

/**
 * The emulator's state and its two halves. The fields are live: change `mode`,
 * `shape`, `delayMs`, `reply` or `failNext` between calls.
 *
 * @category Testing
 */
export interface RaindropAiEmulator {
  /** How the models answer. */
  mode: RaindropAiMode;
  /** The output shape of chat models. */
  shape: RaindropAiChatShape;
  /** How long a `slow` run takes, in milliseconds. */
  delayMs: number;
  /** The chat answer, or a function of the chat input. */
  reply: unknown;
  /** The next this many runs fail (error status) whatever `mode` says; counts down. */
  failNext: number;
  /** Every run that reached the model service, in order (refused inputs included). */
  readonly calls: RaindropAiCall[];
  /** The binding, in this process: what `env.AI` is in a Raindrop service. */
  readonly binding: AiBinding;
  /**
   * The model service: answers a POST whose body is `{inputs, options}` as JSON and
   * whose `x-raindrop-ai-model` header names the model. Fetch API only.
   */
  handle(request: Request): Promise<Response>;
}

/**
 * The emulator's transcript of `audio`: deterministic, derived from the bytes (their
 * count and FNV-1a hash), so a test can tell which recording was transcribed.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../../docs/snippets/api/core/testing/emulators/raindrop-ai.1.ts}
 */
export function emulatedTranscript(audio: ArrayLike<number>): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < audio.length; i++) {
    hash ^= (audio[i] as number) & 0xff;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `Heard ${audio.length} bytes, fingerprint ${hash.toString(16).padStart(8, '0')}.`;
}

/** A model-service refusal: the status and the `{internalCode, name, description}` body. */
class ModelError extends Error {
  constructor(
    readonly status: number,
    readonly internalCode: number,
    description: string,
  ) {
    super(description);
  }
}

// The internal codes are illustrative (Workers AI style: 5xxx for input, 3xxx for
// the service); Pauz never reads them.
const invalidInput = (description: string): ModelError => new ModelError(400, 5006, `Invalid input: ${description}`);

function checkSpeechInput(input: Record<string, unknown>): void {
  const keys = Object.keys(input);
  if (keys.length !== 1 || keys[0] !== 'audio') throw invalidInput(`speech input takes only {audio}, got {${keys.join(', ')}}`);
  const audio = input['audio'];
  if (!Array.isArray(audio)) throw invalidInput('audio must be a plain array of byte values');
  if (audio.length === 0) throw invalidInput('audio is empty');
  for (const value of audio) {
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 255) throw invalidInput('audio must hold integers 0–255');
  }
}

function checkChatInput(input: Record<string, unknown>): void {
  const messages = input['messages'];
  if (!Array.isArray(messages) || messages.length === 0) throw invalidInput('messages must be a non-empty array');
  for (const m of messages as { role?: unknown; content?: unknown }[]) {
    if (!['system', 'user', 'assistant'].includes(m?.role as string) || typeof m?.content !== 'string') {
      throw invalidInput('every message needs a role and string content');
    }
  }
  const maxTokens = input['max_tokens'];
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || (maxTokens as number) <= 0)) throw invalidInput('max_tokens must be a positive integer');
  const temperature = input['temperature'];
  if (temperature !== undefined && (typeof temperature !== 'number' || temperature < 0 || temperature > 5)) {
    throw invalidInput('temperature must be 0–5');
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The header naming the model of a run on the wire. */
const MODEL_HEADER = 'x-raindrop-ai-model';

/**
 * The binding half, as a module's default export: `makeRaindropAiBinding(env)` with
 * `env.MODELS` a fetcher of the model service. Its source is the module workerd
 * loads (see {@link raindropAiMiniflareBinding}), so it must reference nothing
 * outside itself. Mirrors workerd's `Ai.run`.
 */
function makeRaindropAiBinding(env: { MODELS: { fetch(url: string, init: RequestInit): Promise<Response> } }): AiBinding {
  return {
    async run(model: string, inputs: Record<string, unknown>, options: Record<string, unknown> = {}) {
      if (typeof model !== 'string' || model === '') throw new TypeError('AI.run: the model must be a non-empty string');
      const body = JSON.stringify({ inputs, options });
      const response = await env.MODELS.fetch('http://raindrop-ai.emulator/run', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-raindrop-ai-model': model },
      });
      if (!response.ok) {
        const text = await response.text();
        let error: Error;
        try {
          const parsed = JSON.parse(text) as { internalCode: number; description: string; name?: string };
          error = new Error(`${parsed.internalCode}: ${parsed.description}`);
          error.name = parsed.name ?? 'InferenceUpstreamError';
        } catch {
          error = new Error(text);
          error.name = 'InferenceUpstreamError';
        }
        throw error;
      }
      return (await response.json()) as unknown;
    },
  } as AiBinding;
}

/**
 * The ES module (source text) that builds the binding half from its env, for a
 * miniflare wrapped binding: `export default function (env)` where `env.MODELS`
 * fetches the model service.
 */
function bindingModuleSource(): string {
  return `${makeRaindropAiBinding.toString()}\nexport default ${makeRaindropAiBinding.name};\n`;
}

/**
 * An emulator of Raindrop's AI binding: `binding` is an in-process `env.AI` (its runs
 * go through the same JSON wire as inside workerd), `handle` the model service. See
 * {@link raindropAiMiniflareBinding} to bind it into a worker in miniflare.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../../docs/snippets/api/core/testing/emulators/raindrop-ai.2.ts}
 */
export function raindropAiEmulator(options: RaindropAiEmulatorOptions = {}): RaindropAiEmulator {
  const emulator: RaindropAiEmulator = {
    mode: options.mode ?? 'ok',
    shape: options.shape ?? 'choices',
    delayMs: options.delayMs ?? 1000,
    reply: options.reply ?? defaultChatReply,
    failNext: 0,
    calls: [],
    binding: makeRaindropAiBinding({
      MODELS: { fetch: (url, init) => emulator.handle(new Request(url, init)) },
    }),
    async handle(request) {
      try {
        return Response.json(await answer(request));
      } catch (error) {
        if (!(error instanceof ModelError)) throw error;
        return Response.json(
          { internalCode: error.internalCode, name: 'InferenceUpstreamError', description: error.message },
          { status: error.status },
        );
      }
    },
  };

  async function answer(request: Request): Promise<unknown> {
    const model = request.headers.get(MODEL_HEADER) ?? '';
    const text = await request.text();
    let inputs: unknown;
    try {
      inputs = (JSON.parse(text) as { inputs?: unknown }).inputs;
    } catch {
      throw new ModelError(400, 5006, 'Invalid input: the body is not JSON');
    }
    const input = inputs !== null && typeof inputs === 'object' && !Array.isArray(inputs) ? (inputs as Record<string, unknown>) : {};
    emulator.calls.push({ model, input, bodyBytes: new TextEncoder().encode(text).byteLength });
    const speech = RAINDROP_AI_SPEECH_MODELS.includes(model);
    if (!speech && !RAINDROP_AI_CHAT_MODELS.includes(model)) throw new ModelError(400, 5007, `No such model ${model} or task`);
    if (speech) checkSpeechInput(input);
    else checkChatInput(input);
    if (emulator.failNext > 0) {
      emulator.failNext -= 1;
      throw new ModelError(500, 3001, 'Internal server error');
    }
    if (emulator.mode === 'fail') throw new ModelError(500, 3001, 'Internal server error');
    if (emulator.mode === 'hang') await new Promise<never>(() => {});
    if (emulator.mode === 'slow') await sleep(emulator.delayMs);
    if (emulator.mode === 'malformed') return speech ? { transcript: 1 } : { result: 'nothing useful' };
    if (speech) {
      const transcript = emulatedTranscript(input['audio'] as number[]);
      return { text: transcript, word_count: transcript.split(' ').length };
    }
    const reply = emulator.reply;
    const content = typeof reply === 'function' ? (reply as (i: ChatInput) => unknown)(input as unknown as ChatInput) : reply;
    return emulator.shape === 'response'
      ? { response: content }
      : { choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] };
  }

  return emulator;
}

/**
 * Options of {@link raindropAiMiniflareBinding}.
 *
 * @category Testing
 */
export interface RaindropAiMiniflareOptions extends RaindropAiEmulatorOptions {
  /**
   * The binding's name on the worker's `env`.
   *
   * @defaultValue `'AI'`
   */
  bindingName?: string;
  /**
   * The name of the (internal) worker that holds the binding's module.
   *
   * @defaultValue `'pauz-raindrop-ai'`
   */
  workerName?: string;
  /**
   * The emulator whose model service answers; pass one to share its state.
   *
   * @defaultValue a new {@link raindropAiEmulator} with these options
   */
  emulator?: RaindropAiEmulator;
}

/**
 * What {@link raindropAiMiniflareBinding} returns: the worker options to bind the
 * emulator as a miniflare 3 wrapped binding.
 *
 * @category Testing
 */
export interface RaindropAiMiniflareBinding {
  /** The emulator whose model service answers the worker's runs (calls, mode, …). */
  emulator: RaindropAiEmulator;
  /** Spread into the options of the worker that uses `env.AI`. */
  workerOptions: {
    /** The binding's name → the worker whose module builds it. */
    wrappedBindings: Record<
      string,
      {
        /** The name of {@link RaindropAiMiniflareBinding.bindingWorker}. */
        scriptName: string;
      }
    >;
  };
  /**
   * The worker that holds the binding's module: add it to miniflare's `workers`,
   * after the worker that uses it (a wrapped binding's worker may not come first).
   */
  bindingWorker: {
    /** The worker's name (`workerName`). */
    name: string;
    /** The script is an ES module. */
    modules: true;
    /** The module: its default export builds the binding from the worker's env. */
    script: string;
    /** The binding's inner bindings. */
    serviceBindings: {
      /** The emulator's model service, run in this process. */
      MODELS: (request: Request) => Promise<Response>;
    };
  };
}

/**
 * Binds the Raindrop AI emulator into a worker run by miniflare 3 (the real
 * `workerd`): `env.AI` is a wrapped binding — a module whose default export builds
 * the binding from its own env, as workerd's own AI binding is — loaded inside
 * workerd, and its runs reach the emulator's model service in this Node process.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../../docs/snippets/api/core/testing/emulators/raindrop-ai.3.ts}
 */
export function raindropAiMiniflareBinding(options: RaindropAiMiniflareOptions = {}): RaindropAiMiniflareBinding {
  const emulator = options.emulator ?? raindropAiEmulator(options);
  const name = options.workerName ?? 'pauz-raindrop-ai';
  return {
    emulator,
    workerOptions: { wrappedBindings: { [options.bindingName ?? 'AI']: { scriptName: name } } },
    bindingWorker: {
      name,
      modules: true,
      script: bindingModuleSource(),
      serviceBindings: { MODELS: (request) => emulator.handle(request) },
    },
  };
}

/**
 * The binding half as a module's default export (`export default function (env)`,
 * `env.MODELS` a fetcher of the model service), for hosts that bundle this file into
 * a wrapped binding themselves.
 *
 * @category Testing
 */
export default makeRaindropAiBinding;
