/**
 * An in-memory Raindrop SmartBucket binding with R2 semantics (raindrop.md §1): the
 * object a Raindrop service sees as `env.HINTS`. Strict where R2 is: streams of
 * unknown length are refused, bodies are read once, list limits stop at 1000, the
 * cursor is opaque and present only when truncated. A test fixture, never shipped.
 */

interface Stored {
  bytes: Uint8Array;
  httpMetadata: { contentType?: string };
  customMetadata: Record<string, string>;
  uploaded: Date;
  version: string;
}

/** R2-like object metadata. */
export interface EmulatedObject {
  key: string;
  version: string;
  size: number;
  etag: string;
  httpEtag: string;
  uploaded: Date;
  httpMetadata?: { contentType?: string };
  customMetadata?: Record<string, string>;
}

/** One search match, `source` in the configured shape. */
export interface EmulatedSearchResult {
  chunkSignature: string;
  text: string;
  score: number;
  source: string | { object: string };
}

/** Options of {@link createBindingEmulator}. */
export interface BindingEmulatorOptions {
  /** Offer `search` (a SmartBucket) or not (a plain bucket). Default true. */
  search?: boolean;
  /** How search results name their object: the key (newer) or `{object}` (older). Default `string`. */
  sourceShape?: 'string' | 'object';
}

/** What {@link createBindingEmulator} returns: the binding plus test controls. */
export interface BindingEmulator {
  binding: {
    head(key: string): Promise<EmulatedObject | null>;
    get(key: string, options?: { range?: unknown }): Promise<(EmulatedObject & { body: ReadableStream<Uint8Array>; bodyUsed: boolean; arrayBuffer(): Promise<ArrayBuffer>; text(): Promise<string>; json(): Promise<unknown> }) | null>;
    put(key: string, value: unknown, options?: { httpMetadata?: { contentType?: string }; customMetadata?: Record<string, string> }): Promise<EmulatedObject>;
    delete(keys: string | string[]): Promise<void>;
    list(options?: { prefix?: string; limit?: number; cursor?: string; delimiter?: string; startAfter?: string }): Promise<{ objects: EmulatedObject[]; delimitedPrefixes: string[]; truncated: boolean; cursor?: string }>;
    search?(input: { input: string; requestId?: string; partition?: string }): Promise<{ results: EmulatedSearchResult[]; pagination: unknown }>;
  };
  /** Calls per method, every call counted. */
  calls: Record<string, number>;
  /** Arguments of every `put`, in order. */
  puts: { key: string; value: unknown; options: unknown }[];
  /** The next `count` calls reject with `error`. */
  failNext(count: number, error?: Error): void;
  /** The next `count` calls never settle. */
  hangNext(count: number): void;
}

const utf8 = new TextEncoder();
const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key === '' || utf8.encode(key).length > 1024) throw new TypeError(`invalid key ${String(key)}`);
  return key;
}

async function toBytes(value: unknown): Promise<Uint8Array> {
  if (value === null) return new Uint8Array(0);
  if (typeof value === 'string') return utf8.encode(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  if (value instanceof Blob) return new Uint8Array(await value.arrayBuffer());
  if (value instanceof ReadableStream) throw new TypeError('Provided readable stream must have a known length (request/response body or readable half of FixedLengthStream)');
  throw new TypeError('put: unsupported value type');
}

/** Creates an emulated binding with an empty store. */
export function createBindingEmulator(options: BindingEmulatorOptions = {}): BindingEmulator {
  const store = new Map<string, Stored>();
  const cursors = new Map<string, string>();
  const calls: Record<string, number> = {};
  const puts: BindingEmulator['puts'] = [];
  const faults: (Error | 'hang')[] = [];

  const enter = (method: string): Promise<void> => {
    calls[method] = (calls[method] ?? 0) + 1;
    const fault = faults.shift();
    if (fault === 'hang') return new Promise(() => undefined);
    return fault === undefined ? Promise.resolve() : Promise.reject(fault);
  };
  const meta = (key: string, s: Stored): EmulatedObject => ({
    key,
    version: s.version,
    size: s.bytes.length,
    etag: s.version,
    httpEtag: `"${s.version}"`,
    uploaded: new Date(s.uploaded),
    httpMetadata: { ...s.httpMetadata },
    customMetadata: { ...s.customMetadata },
  });

  const binding: BindingEmulator['binding'] = {
    async head(key) {
      await enter('head');
      const s = store.get(checkKey(key));
      return s === undefined ? null : meta(key, s);
    },
    async get(key) {
      await enter('get');
      const s = store.get(checkKey(key));
      if (s === undefined) return null;
      const bytes = s.bytes.slice();
      let used = false;
      const read = async (): Promise<Uint8Array> => {
        if (used) throw new TypeError('Body has already been used. It can only be used once.');
        used = true;
        return bytes;
      };
      return {
        ...meta(key, s),
        body: new Blob([bytes]).stream(),
        get bodyUsed() {
          return used;
        },
        arrayBuffer: async () => (await read()).slice().buffer,
        text: async () => new TextDecoder().decode(await read()),
        json: async () => JSON.parse(new TextDecoder().decode(await read())) as unknown,
      };
    },
    async put(key, value, putOptions = {}) {
      await enter('put');
      puts.push({ key, value, options: putOptions });
      const stored: Stored = {
        bytes: await toBytes(value),
        httpMetadata: { ...putOptions.httpMetadata },
        customMetadata: { ...putOptions.customMetadata },
        uploaded: new Date(),
        version: crypto.randomUUID().replace(/-/g, ''),
      };
      store.set(checkKey(key), stored);
      return meta(key, stored);
    },
    async delete(keys) {
      await enter('delete');
      const all = typeof keys === 'string' ? [keys] : keys;
      if (all.length > 1000) throw new RangeError('delete: at most 1000 keys per call');
      for (const key of all) store.delete(checkKey(key));
    },
    async list(listOptions = {}) {
      await enter('list');
      const { prefix = '', limit = 1000, cursor } = listOptions;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new RangeError('list: limit must be 1–1000');
      let after = listOptions.startAfter;
      if (cursor !== undefined) {
        after = cursors.get(cursor);
        if (after === undefined) throw new TypeError('list: invalid cursor');
      }
      const keys = [...store.keys()].filter((k) => k.startsWith(prefix) && (after === undefined || byteOrder(k, after) > 0)).sort(byteOrder);
      const page = keys.slice(0, limit);
      const objects = page.map((k) => {
        const { httpMetadata: _h, customMetadata: _c, ...rest } = meta(k, store.get(k) as Stored);
        return rest;
      });
      if (keys.length <= limit) return { objects, delimitedPrefixes: [], truncated: false };
      const token = btoa(crypto.randomUUID());
      cursors.set(token, page[page.length - 1] as string);
      return { objects, delimitedPrefixes: [], truncated: true, cursor: token };
    },
  };
  if (options.search ?? true) {
    binding.search = async ({ input }) => {
      await enter('search');
      const wanted = new Set(input.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
      const results = [...store]
        .filter(([, s]) => (s.httpMetadata.contentType ?? '').startsWith('text/plain'))
        .map(([key, s]): EmulatedSearchResult => {
          const text = new TextDecoder().decode(s.bytes);
          const words = new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
          const score = [...wanted].filter((w) => words.has(w)).length / Math.max(1, wanted.size);
          return { chunkSignature: `c-${key}`, text: text.slice(0, 300), score, source: options.sourceShape === 'object' ? { object: key } : key };
        })
        .filter((r) => r.score > 0)
        .sort((a, b) => b.score - a.score);
      return { results, pagination: { total: results.length, page: 1, pageSize: results.length, totalPages: 1, hasMore: false } };
    };
  }
  return {
    binding,
    calls,
    puts,
    failNext: (count, error = new Error('internal error')) => faults.push(...Array.from({ length: count }, () => error)),
    hangNext: (count) => faults.push(...Array.from({ length: count }, () => 'hang' as const)),
  };
}
