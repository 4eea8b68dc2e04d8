/**
 * The object key a Raindrop search result names. Its `source` is the key itself in
 * newer binding versions, `{object: key}` in older ones, and `{bucket, object}` in
 * the REST API; anything else names no key.
 */
export function searchSourceKey(source: unknown): string | undefined {
  if (typeof source === 'string') return source === '' ? undefined : source;
  if (typeof source === 'object' && source !== null) {
    const object = (source as { object?: unknown }).object;
    if (typeof object === 'string' && object !== '') return object;
  }
  return undefined;
}
