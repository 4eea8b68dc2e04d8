/**
 * The time source Pauz reads; inject a fixed one for deterministic tests.
 *
 * @category Ports
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/**
 * Produces new resource ids (UUID strings by default).
 *
 * @category Ports
 */
export type IdGenerator = () => string;

/**
 * The real clock.
 *
 * @category Adapters
 */
export const systemClock: Clock = { now: () => new Date() };

/**
 * Random UUID v4 ids from Web Crypto.
 *
 * @category Adapters
 */
export const randomIds: IdGenerator = () => crypto.randomUUID();

const encoder = new TextEncoder();

interface NodeCrypto {
  createHash(algorithm: 'sha256'): { update(data: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } };
  /** One-shot hashing (Node ≥ 20.12): no Hash object per call. */
  hash?: (algorithm: 'sha256', data: string, encoding: 'hex') => string;
}

/**
 * `node:crypto` where the runtime has one (Node ≥ 20.16, Bun, Deno, workerd with
 * `nodejs_compat`), found through `process.getBuiltinModule` so that this module
 * imports nothing Node-only and loads on every runtime.
 */
const nodeCrypto: NodeCrypto | undefined = (() => {
  try {
    const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const module = typeof runtime?.getBuiltinModule === 'function' ? (runtime.getBuiltinModule('node:crypto') as Partial<NodeCrypto> | undefined) : undefined;
    return typeof module?.createHash === 'function' ? (module as NodeCrypto) : undefined;
  } catch {
    return undefined;
  }
})();

/** Hex SHA-256 of a UTF-8 string, through Web Crypto (every runtime has it). */
export async function webCryptoSha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return toHex(new Uint8Array(digest));
}

/**
 * Hex SHA-256 of a UTF-8 string (token hashes, on every authenticated request):
 * synchronous `node:crypto` where the runtime has it — about 2 µs, against ~20–45 µs
 * for a Web Crypto digest, which goes through a thread pool — else Web Crypto.
 */
export function sha256Hex(text: string): Promise<string> {
  const hex = sha256HexSync(text);
  return hex === undefined ? webCryptoSha256Hex(text) : Promise.resolve(hex);
}

/** {@link sha256Hex} at once where the runtime hashes synchronously; `undefined` where it cannot. */
export function sha256HexSync(text: string): string | undefined {
  if (nodeCrypto === undefined) return undefined;
  return nodeCrypto.hash?.('sha256', text, 'hex') ?? nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Whether {@link sha256Hex} takes the synchronous `node:crypto` path here. */
export const hasNodeSha256 = nodeCrypto !== undefined;

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** URL-safe base64 without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Inverse of {@link toBase64Url}; throws on malformed input. */
export function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Constant-time comparison of two byte arrays of the same length. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
