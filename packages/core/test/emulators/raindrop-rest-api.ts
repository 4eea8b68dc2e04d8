/**
 * The endpoints of the Raindrop REST API (raindrop.md §2) over an in-memory store,
 * as strict as the real API is documented to be — stricter where it is unsure: only
 * camelCase fields, no unknown fields, base64 content, known application and bucket.
 * Used by `raindrop-rest.ts`; a test fixture, never shipped.
 */

/** An error answer: HTTP status plus a gRPC-style code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface StoredObject {
  bytes: Uint8Array;
  contentType: string;
  lastModified: Date;
}

type Body = Record<string, unknown>;
type Handler = (body: Body) => unknown;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const invalid = (message: string): ApiError => new ApiError(400, 'INVALID_ARGUMENT', message);

/** Refuses a body with a missing required field or any field not listed. */
function checkFields(body: Body, required: string[], optional: string[] = []): void {
  for (const name of Object.keys(body)) {
    if (!required.includes(name) && !optional.includes(name)) throw invalid(`unknown field "${name}"`);
  }
  for (const name of required) if (body[name] === undefined || body[name] === null) throw invalid(`missing field "${name}"`);
}

function text(body: Body, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw invalid(`field "${name}" must be a non-empty string`);
  return value;
}

const words = (value: string): Set<string> => new Set(value.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** The emulated API: `handle(path, body)` answers like the real one or throws {@link ApiError}. */
export class RaindropApi {
  readonly buckets = new Map<string, Map<string, StoredObject>>();
  private readonly sessions = new Map<string, unknown[]>();

  constructor(
    readonly applicationName: string,
    bucketNames: string[],
    readonly version: string | undefined,
  ) {
    for (const name of bucketNames) this.buckets.set(name, new Map());
  }

  /** Answers one call, or throws an {@link ApiError}. */
  handle(path: string, body: Body): unknown {
    const handler = this.routes[path];
    if (handler === undefined) throw new ApiError(404, 'NOT_FOUND', `no endpoint ${path}`);
    return handler(body);
  }

  private readonly routes: Record<string, Handler> = {
    '/v1/put_object': (body) => {
      checkFields(body, ['bucketLocation', 'key', 'content'], ['contentType', 'partition']);
      const objects = this.bucket(body.bucketLocation);
      const content = body.content;
      if (typeof content !== 'string' || !BASE64.test(content)) throw invalid('field "content" must be base64');
      const contentType = body.contentType === undefined ? 'application/octet-stream' : text(body, 'contentType');
      const key = text(body, 'key');
      objects.set(key, { bytes: Uint8Array.from(Buffer.from(content, 'base64')), contentType, lastModified: new Date() });
      return { key };
    },
    '/v1/get_object': (body) => {
      checkFields(body, ['bucketLocation', 'key'], ['partition']);
      const found = this.object(body);
      return found.bytes.length === 0 ? { contentType: found.contentType } : { content: Buffer.from(found.bytes).toString('base64'), contentType: found.contentType };
    },
    '/v1/delete_object': (body) => {
      checkFields(body, ['bucketLocation', 'key'], ['partition']);
      this.object(body);
      this.bucket(body.bucketLocation).delete(text(body, 'key'));
      return {};
    },
    '/v1/list_objects': (body) => {
      checkFields(body, ['bucketLocation'], ['prefix', 'partition']);
      const prefix = body.prefix === undefined ? '' : String(body.prefix);
      // Newest first, on purpose not in key order: the API documents no order.
      const listed = [...this.bucket(body.bucketLocation)].filter(([key]) => key.startsWith(prefix)).reverse();
      if (listed.length === 0) return {};
      return {
        objects: listed.map(([key, o]) => ({
          key,
          contentType: o.contentType,
          lastModified: o.lastModified.toISOString(),
          ...(o.bytes.length === 0 ? {} : { size: String(o.bytes.length) }),
        })),
      };
    },
    '/v1/search': (body) => {
      const results = this.search(body);
      this.sessions.set(String(body.requestId), results);
      return { results, pagination: { total: results.length, page: 1, pageSize: results.length, totalPages: 1, hasMore: false } };
    },
    '/v1/chunk_search': (body) => ({ results: this.search(body) }),
    '/v1/document_query': (body) => {
      checkFields(body, ['bucketLocation', 'objectId', 'input', 'requestId'], ['partition']);
      const found = this.object({ bucketLocation: body.bucketLocation, key: body.objectId });
      return { answer: `Emulated answer from ${found.bytes.length} bytes` };
    },
    '/v1/search_get_page': (body) => {
      checkFields(body, ['requestId'], ['page', 'pageSize', 'partition']);
      const results = this.sessions.get(text(body, 'requestId'));
      if (results === undefined) throw new ApiError(404, 'NOT_FOUND', 'no search with this requestId');
      const page = Number(body.page ?? 1);
      const pageSize = Number(body.pageSize ?? 10);
      const total = results.length;
      const totalPages = Math.ceil(total / pageSize);
      return { results: results.slice((page - 1) * pageSize, page * pageSize), pagination: { total, page, pageSize, totalPages, hasMore: page < totalPages } };
    },
  };

  /** The objects of the bucket a `bucketLocation` names, checked strictly. */
  private bucket(location: unknown): Map<string, StoredObject> {
    if (typeof location !== 'object' || location === null) throw invalid('bucketLocation must be an object');
    checkFields(location as Body, ['bucket']);
    const bucket = (location as { bucket: unknown }).bucket;
    if (typeof bucket !== 'object' || bucket === null) throw invalid('bucketLocation.bucket must be an object');
    checkFields(bucket as Body, ['name', 'applicationName'], ['version']);
    const { name, applicationName, version } = bucket as Body;
    if (version !== undefined && this.version !== undefined && version !== this.version) {
      throw new ApiError(404, 'NOT_FOUND', `application version ${String(version)} not found`);
    }
    const objects = applicationName === this.applicationName ? this.buckets.get(String(name)) : undefined;
    if (objects === undefined) throw new ApiError(404, 'NOT_FOUND', `bucket ${String(name)} not found in application ${String(applicationName)}`);
    return objects;
  }

  private object(body: Body): StoredObject {
    const key = text(body, 'key');
    const found = this.bucket(body.bucketLocation).get(key);
    if (found === undefined) throw new ApiError(404, 'NOT_FOUND', `object ${key} not found`);
    return found;
  }

  /** Word-match "semantic" search over `text/plain` objects, the type Raindrop indexes as text. */
  private search(body: Body): unknown[] {
    checkFields(body, ['bucketLocations', 'input', 'requestId'], ['partition']);
    if (!Array.isArray(body.bucketLocations) || body.bucketLocations.length === 0) throw invalid('bucketLocations must be a non-empty array');
    const wanted = [...words(text(body, 'input'))];
    text(body, 'requestId');
    const results: { text: string; score: number; source: unknown; chunkSignature: string }[] = [];
    for (const location of body.bucketLocations) {
      const bucketName = String((location as { bucket?: { name?: unknown } }).bucket?.name);
      for (const [key, o] of this.bucket(location)) {
        if (!o.contentType.startsWith('text/plain')) continue;
        const content = new TextDecoder().decode(o.bytes);
        const present = words(content);
        const score = wanted.filter((w) => present.has(w)).length / Math.max(1, wanted.length);
        if (score > 0) {
          const source = { bucket: { applicationName: this.applicationName, bucketName }, object: key };
          results.push({ text: content.slice(0, 300), score, source, chunkSignature: `${bucketName}:${key}:0` });
        }
      }
    }
    return results.sort((a, b) => b.score - a.score);
  }
}
