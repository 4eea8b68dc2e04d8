/**
 * A SmartBucket, the way raindrop.md §1 describes one, for tests in workerd: the real
 * R2 binding (the bucket half) with a `search` method added (the half R2 does not
 * have). Search lists the bucket, reads its `text/plain` objects and ranks them by
 * how many of the query's words they contain, answering in the binding's shape
 * (`{results: [{source, text, score}], pagination}`). A test fixture, never shipped.
 */
import type { RaindropBucketBinding } from '../../../src/raindrop/bucket-binding.js';

/** The R2 methods the wrapper forwards (structural; miniflare's R2Bucket fits). */
export interface R2Like {
  head(key: string): Promise<unknown>;
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown, options?: unknown): Promise<unknown>;
  delete(keys: string | string[]): Promise<void>;
  list(options?: unknown): Promise<unknown>;
}

interface ListedObject {
  key: string;
  httpMetadata?: { contentType?: string };
}

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

export function withEmulatedSearch(r2: R2Like): RaindropBucketBinding {
  return {
    head: (key) => r2.head(key),
    get: (key) => r2.get(key),
    put: (key, value, options) => r2.put(key, value, options),
    delete: (keys) => r2.delete(keys),
    list: (options) => r2.list(options),
    async search({ input }) {
      const wanted = new Set(words(input));
      const results: { source: string; text: string; score: number }[] = [];
      let cursor: string | undefined;
      do {
        const page = (await r2.list({ ...(cursor === undefined ? {} : { cursor }), include: ['httpMetadata'] })) as {
          objects: ListedObject[];
          truncated: boolean;
          cursor?: string;
        };
        for (const object of page.objects) {
          if (!(object.httpMetadata?.contentType ?? '').startsWith('text/')) continue;
          const body = (await r2.get(object.key)) as { text(): Promise<string> } | null;
          if (body === null) continue;
          const text = await body.text();
          const hits = new Set(words(text).filter((w) => wanted.has(w))).size;
          if (hits > 0) results.push({ source: object.key, text, score: hits / wanted.size });
        }
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor !== undefined);
      results.sort((a, b) => b.score - a.score || a.source.localeCompare(b.source));
      return { results, pagination: { total: results.length, page: 1, pageSize: results.length, totalPages: 1, hasMore: false } };
    },
  } as RaindropBucketBinding;
}
