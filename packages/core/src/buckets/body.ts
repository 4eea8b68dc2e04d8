import { collectBytes } from '../bytes.js';
import { bucketFailure } from './errors.js';
import type { SmartBucketBody, SmartBucketObject, SmartBucketObjectInfo } from './types.js';

/** What `put` stores when no content type is given. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

const encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF, so text written is the text read.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return value instanceof ArrayBuffer || Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

/**
 * The bytes of a body, always a copy the caller can no longer change (strings as
 * UTF-8, only the viewed range of a typed array).
 */
export async function bodyBytes(body: SmartBucketBody): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (isArrayBuffer(body)) return new Uint8Array(body.slice(0));
  if (body instanceof ReadableStream) return new Uint8Array(await collectBytes(body));
  throw new TypeError('the body must be a string, Uint8Array, ArrayBuffer or ReadableStream');
}

/** Copies metadata pairs, refusing anything but string values. */
export function copyMetadata(metadata: Record<string, string> | undefined): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata ?? {})) {
    if (typeof value !== 'string') throw new TypeError(`customMetadata.${name} must be a string`);
    copy[name] = value;
  }
  return copy;
}

/**
 * A {@link SmartBucketObject} over bytes already read. `what` names the `get` call
 * for the error `json()` throws on content that is not JSON.
 */
export function bufferedObject(info: SmartBucketObjectInfo, bytes: Uint8Array, what: string): SmartBucketObject {
  const text = (): string => decoder.decode(bytes);
  return {
    ...info,
    customMetadata: { ...info.customMetadata },
    text: async () => text(),
    json: async <T>() => {
      try {
        return JSON.parse(text()) as T;
      } catch (error) {
        throw bucketFailure(what, 'the content is not valid JSON', { cause: error });
      }
    },
    arrayBuffer: async () => new Uint8Array(bytes).buffer,
    bytes: async () => new Uint8Array(bytes),
  };
}
