/**
 * A loopback emulation of the two OpenAI endpoints Pauz calls, strict about what the
 * real ones refuse. Test fixture only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultChatReply } from './chat-replies.js';
import { type HeldRequests, requestHolder } from './held-requests.js';
import { boundaryOf, type MultipartPart, parseMultipart } from './multipart.js';

/**
 * How an endpoint answers: normally, with a 500, never (`hang`: for timeouts and
 * cancellations, see `held`), or with a broken body.
 *
 * @category Testing
 */
export type EmulatorMode = 'ok' | 'fail' | 'hang' | 'malformed' | 'not-json';

/**
 * The parsed chat request body the emulator received.
 *
 * @category Testing
 */
export interface ChatRequestBody {
  /** The model name the client asked for. */
  model: string;
  /** The conversation sent, in order. */
  messages: {
    /** `system`, `user` or `assistant`. */
    role: string;
    /** The message text. */
    content: string;
  }[];
  /** Sampling temperature, when the client set one. */
  temperature?: number;
  /** The completion's token limit, when the client set one. */
  max_tokens?: number;
  /** The requested output format, e.g. `{ type: 'json_object' }`. */
  response_format?: {
    /** `text`, `json_object` or `json_schema`. */
    type: string;
  };
}

/**
 * What the transcription endpoint received last.
 *
 * @category Testing
 */
export interface TranscriptionRequestSeen {
  /** The `model` form field. */
  model: string;
  /** The `language` form field, when sent. */
  language?: string;
  /** The uploaded file part's file name. */
  filename: string;
  /** The uploaded file part's content type, when sent. */
  fileType?: string;
  /** The uploaded file's size in bytes. */
  size: number;
}

/**
 * A running emulator from {@link startOpenAiEmulator}: its base URL, and per endpoint
 * a mutable script (`mode`, replies) and what it observed. Change the fields between
 * requests to steer it.
 *
 * @category Testing
 */
export interface OpenAiEmulator {
  /** `http://127.0.0.1:<port>/v1` */
  baseUrl: string;
  /** The `POST /audio/transcriptions` endpoint: its script and what it saw. */
  transcriptions: {
    /** How the next requests are answered. */
    mode: EmulatorMode;
    /** Requests that reached the endpoint, accepted or not. */
    calls: number;
    /** Also answer `language` and `duration`, like `verbose_json`. */
    verbose: boolean;
    /** The last request received, if any. */
    last?: TranscriptionRequestSeen;
    /** The requests `hang` held, and how many their client cancelled. */
    readonly held: HeldRequests;
  };
  /** The `POST /chat/completions` endpoint: its script and what it saw. */
  chat: {
    /** How the next requests are answered. */
    mode: EmulatorMode;
    /** Requests that reached the endpoint, accepted or not. */
    calls: number;
    /** The assistant message content; a function gets the request. Default: a valid answer for Pauz's prompts. */
    reply: string | null | ((body: ChatRequestBody) => string | null);
    /** The `finish_reason` answered, e.g. `stop` or `length`. */
    finishReason: string;
    /** The last request body received, if any. */
    last?: ChatRequestBody;
    /** The requests `hang` held, and how many their client cancelled. */
    readonly held: HeldRequests;
  };
  /** Stops the server, releasing held requests. */
  close(): Promise<void>;
}

/** Extensions OpenAI accepts, by the format their bytes must be. */
const EXTENSION_FORMATS: Readonly<Record<string, string>> = {
  wav: 'wav', mp3: 'mp3', mpeg: 'mp3', mpga: 'mp3', mp4: 'mp4', m4a: 'mp4', ogg: 'ogg', flac: 'flac', webm: 'webm',
};

/** A magic-number check written independently of `src/audio`, so the two can disagree. */
function detectFormat(b: Buffer): string | null {
  const ascii = (from: number, to: number): string => b.subarray(from, to).toString('latin1');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav';
  if (ascii(0, 3) === 'ID3') return 'mp3';
  if (ascii(4, 8) === 'ftyp') return 'mp4';
  if (ascii(0, 4) === 'fLaC') return 'flac';
  if (ascii(0, 4) === 'OggS') return 'ogg';
  if (b.subarray(0, 4).toString('hex') === '1a45dfa3') return 'webm';
  if (b[0] === 0xff && ((b[1] ?? 0) & 0xf6) === 0xf0) return 'aac';
  if (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0) return 'mp3';
  return null;
}

/** Seconds of a PCM WAV, from its byte rate and data chunk (enough for generated files). */
function wavSeconds(b: Buffer): number | undefined {
  const dataAt = b.indexOf('data', 12, 'latin1');
  if (dataAt < 0 || b.length < 32) return undefined;
  const byteRate = b.readUInt32LE(28);
  return byteRate > 0 ? b.readUInt32LE(dataAt + 4) / byteRate : undefined;
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function fail(res: ServerResponse, status: number, message: string, code: string | null = null): void {
  send(res, status, { error: { message, type: 'invalid_request_error', param: null, code } });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Starts the emulator on 127.0.0.1, port 0. With `apiKey`, requests need `Authorization: Bearer <apiKey>`.
 *
 * @category Testing
 */
export async function startOpenAiEmulator(
  options: {
    /**
     * The key requests must carry as `Authorization: Bearer <apiKey>`.
     *
     * @remarks No default: without it the emulator accepts requests without authorisation.
     */
    apiKey?: string;
  } = {},
): Promise<OpenAiEmulator> {
  const holders = { transcriptions: requestHolder('transcriptions emulator'), chat: requestHolder('chat emulator') };
  const emulator: Omit<OpenAiEmulator, 'baseUrl' | 'close'> = {
    transcriptions: { mode: 'ok', calls: 0, verbose: false, held: holders.transcriptions },
    chat: { mode: 'ok', calls: 0, reply: defaultChatReply, finishReason: 'stop', held: holders.chat },
  };

  /** False (and answered) when the request is not authorised. Echoes a wrong key, as OpenAI does. */
  function authorised(req: IncomingMessage, res: ServerResponse): boolean {
    if (options.apiKey === undefined) return true;
    const header = req.headers.authorization;
    if (header === `Bearer ${options.apiKey}`) return true;
    const given = header?.replace(/^Bearer\s+/i, '');
    fail(res, 401, given ? `Incorrect API key provided: ${given}.` : "You didn't provide an API key.", 'invalid_api_key');
    return false;
  }

  /** Applies fail/hang; true when the request should go on. */
  function proceed(mode: EmulatorMode, req: IncomingMessage, res: ServerResponse, holder: ReturnType<typeof requestHolder>): boolean {
    if (mode === 'fail') {
      send(res, 500, { error: { message: 'The server had an error while processing your request.', type: 'server_error' } });
      return false;
    }
    if (mode !== 'hang') return true;
    holder.hold(req, res); // left open until the client goes away or close()
    return false;
  }

  async function transcriptions(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const state = emulator.transcriptions;
    state.calls++;
    if (!authorised(req, res) || !proceed(state.mode, req, res, holders.transcriptions)) return;
    const boundary = boundaryOf(req.headers['content-type']);
    if (boundary === null) return fail(res, 400, 'Expected a multipart/form-data body');
    let parts: MultipartPart[];
    try {
      parts = parseMultipart(await readBody(req), boundary);
    } catch (error) {
      return fail(res, 400, `Malformed multipart body: ${(error as Error).message}`);
    }
    const field = (name: string): MultipartPart | undefined => parts.find((p) => p.name === name);
    const model = field('model')?.data.toString('utf8');
    if (!model) return fail(res, 400, 'you must provide a model parameter');
    const file = field('file');
    if (file === undefined || file.filename === undefined) return fail(res, 400, "Missing required parameter: 'file'");
    if (file.data.length === 0) return fail(res, 400, 'Audio file is empty');
    const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase() ?? '';
    const expected = EXTENSION_FORMATS[extension];
    if (expected === undefined) return fail(res, 400, `Invalid file format. Supported formats: ${Object.keys(EXTENSION_FORMATS).join(', ')}`);
    const format = detectFormat(file.data);
    if (format === null) return fail(res, 400, 'The audio file could not be decoded or its format is not supported.');
    if (format !== expected) return fail(res, 400, `The file extension .${extension} does not match its ${format} audio data.`);
    const language = field('language')?.data.toString('utf8');
    state.last = {
      model,
      filename: file.filename,
      size: file.data.length,
      ...(language === undefined ? {} : { language }),
      ...(file.contentType === undefined ? {} : { fileType: file.contentType }),
    };
    if (state.mode === 'malformed') return send(res, 200, { transcript: 42 });
    if (state.mode === 'not-json') return send(res, 200, '<html>Bad gateway</html>', 'text/html');
    const text = `heard ${file.data.length} bytes of ${format}`;
    const duration = format === 'wav' ? wavSeconds(file.data) : undefined;
    send(res, 200, state.verbose ? { text, language: language ?? 'english', duration } : { text });
  }

  async function chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const state = emulator.chat;
    state.calls++;
    if (!authorised(req, res) || !proceed(state.mode, req, res, holders.chat)) return;
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return fail(res, 400, 'Expected a JSON body');
    let body: ChatRequestBody;
    try {
      body = JSON.parse((await readBody(req)).toString('utf8')) as ChatRequestBody;
    } catch {
      return fail(res, 400, 'We could not parse the JSON body of your request.');
    }
    const problem = checkChatBody(body);
    if (problem !== null) return fail(res, 400, problem);
    state.last = body;
    if (state.mode === 'malformed') return send(res, 200, { choices: [] });
    if (state.mode === 'not-json') return send(res, 200, '<html>Bad gateway</html>', 'text/html');
    const content = typeof state.reply === 'function' ? state.reply(body) : state.reply;
    send(res, 200, {
      id: `chatcmpl-${state.calls}`,
      object: 'chat.completion',
      created: 0,
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: state.finishReason }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
  }

  const server = createServer((req, res) => {
    const route = req.method === 'POST' ? req.url : undefined;
    const handler = route === '/v1/audio/transcriptions' ? transcriptions : route === '/v1/chat/completions' ? chat : undefined;
    if (handler === undefined) return fail(res, 404, `Unknown route ${req.method ?? ''} ${req.url ?? ''}`);
    handler(req, res).catch((error: unknown) => send(res, 500, { error: { message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(emulator, {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        holders.transcriptions.closing();
        holders.chat.closing();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  });
}

/** Why OpenAI would refuse this chat body, or null. */
function checkChatBody(body: ChatRequestBody): string | null {
  if (typeof body !== 'object' || body === null) return 'The body must be a JSON object.';
  if (typeof body.model !== 'string' || body.model === '') return 'you must provide a model parameter';
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "'messages' must be a non-empty array";
  for (const m of body.messages) {
    if (!['system', 'user', 'assistant', 'developer'].includes(m?.role) || typeof m.content !== 'string') {
      return 'Each message needs a valid role and string content.';
    }
  }
  if (body.max_tokens !== undefined && !(Number.isInteger(body.max_tokens) && body.max_tokens > 0)) return 'max_tokens must be a positive integer';
  if (body.temperature !== undefined && !(body.temperature >= 0 && body.temperature <= 2)) return 'temperature must be between 0 and 2';
  if (body.response_format?.type === 'json_object' && !body.messages.some((m) => /json/i.test(m.content))) {
    return "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.";
  }
  return null;
}
