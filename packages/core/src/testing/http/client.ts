import { expect } from 'vitest';
import type * as z from 'zod';

/**
 * A response as the conformance suite looks at it.
 *
 * @category Testing
 */
export interface TestResponse {
  /** The HTTP status code. */
  status: number;
  /** The response headers. */
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON, or null when empty. */
  body: any;
  /** The body as text; empty when there is none. */
  text: string;
}

/**
 * Options of one request.
 *
 * @category Testing
 */
export interface RequestOptions {
  /**
   * A bearer token, sent as `Authorization: Bearer <token>`.
   *
   * @remarks No default: without it no `authorization` header is sent.
   */
  token?: string;
  /**
   * A JSON value to send (sets `content-type: application/json`); wins over `raw`.
   *
   * @remarks No default: without it and `raw` the request has no body.
   */
  json?: unknown;
  /**
   * A raw body with its content type.
   *
   * @remarks No default: without it and `json` the request has no body.
   */
  raw?: {
    /** The body, sent as it is. */
    body: string | Uint8Array;
    /** Sent as `content-type`; none when absent. */
    contentType?: string;
  };
  /**
   * Extra request headers; `token` and the body's content type override these.
   *
   * @defaultValue `{}`
   */
  headers?: Record<string, string>;
}

/**
 * One answer a {@link TestClient} received, as its `onResponse` observer sees it.
 *
 * @category Testing
 */
export interface ObservedResponse {
  /** The base URL of the client that received it. */
  baseUrl: string;
  /** The request method. */
  method: string;
  /** The path below the mount point, without the query string. */
  path: string;
  /** The HTTP status code answered. */
  status: number;
  /** The media type of the answer, without parameters; `null` when it had none. */
  mediaType: string | null;
}

/**
 * A tiny fetch client bound to the base URL of a mounted Pauz API.
 *
 * @category Testing
 */
export class TestClient {
  /**
   * @param baseUrl where the API is mounted, without a trailing slash.
   * @param onResponse sees every answer, for checks across a whole suite (every status declared).
   */
  constructor(
    readonly baseUrl: string,
    private readonly onResponse?: (response: ObservedResponse) => void,
  ) {}

  /** Sends one request to `baseUrl + path` and reads the whole answer. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | Uint8Array | undefined;
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.raw !== undefined) {
      if (options.raw.contentType !== undefined) headers['content-type'] = options.raw.contentType;
      body = options.raw.body;
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body as BodyInit | undefined });
    const text = await response.text();
    const mediaType = response.headers.get('content-type')?.split(';', 1)[0]?.trim() ?? null;
    // The path as the server saw it (`..` and `.` resolved by the URL parser), below the mount;
    // a path that left the mount reached the host, not Pauz.
    const mount = new URL(this.baseUrl).pathname.replace(/\/$/, '');
    const sent = new URL(`${this.baseUrl}${path}`).pathname;
    if (sent === mount || sent.startsWith(`${mount}/`)) {
      this.onResponse?.({ baseUrl: this.baseUrl, method, path: sent.slice(mount.length) || '/', status: response.status, mediaType });
    }
    let parsed: unknown = text === '' ? null : text;
    if (text !== '' && /json/.test(response.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  /** `GET path`. */
  get(path: string, options?: RequestOptions): Promise<TestResponse> {
    return this.request('GET', path, options);
  }
  /** `POST path`, with the body `options` give. */
  post(path: string, options?: RequestOptions): Promise<TestResponse> {
    return this.request('POST', path, options);
  }
  /** `PUT path`, with the body `options` give. */
  put(path: string, options?: RequestOptions): Promise<TestResponse> {
    return this.request('PUT', path, options);
  }
  /** `DELETE path`. */
  delete(path: string, options?: RequestOptions): Promise<TestResponse> {
    return this.request('DELETE', path, options);
  }
}

/** Asserts a JSON success response with `status` whose body matches `schema`; returns the body. */
export function expectJson<T extends z.ZodType>(response: TestResponse, status: number, schema: T): z.output<T> {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const result = schema.safeParse(response.body);
  expect(result.success, `response does not match its schema: ${result.error?.message ?? ''}`).toBe(true);
  return result.data as z.output<T>;
}

/** Asserts an RFC 9457 problem response with `status` and `code`; returns the body. */
export function expectProblem(response: TestResponse, status: number, code: string): Record<string, any> {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  const body = response.body as Record<string, any>;
  expect(body).toMatchObject({ status, code, type: expect.stringMatching(/^urn:pauz:problem:/) });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  // Never a stack trace or SQL in an answer.
  expect(response.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|select |insert into|update "|pauz_users/i);
  return body;
}

/** Asserts a 204 with no body. */
export function expectNoContent(response: TestResponse): void {
  expect(response.status, response.text).toBe(204);
  expect(response.text).toBe('');
}

/** A multipart form with one file part (`audio` unless `field` says otherwise), as a browser sends a recording. */
export function multipart(bytes: Uint8Array, type: string, field = 'audio'): { body: Uint8Array; contentType: string } {
  const boundary = `pauz${crypto.randomUUID().replace(/-/g, '')}`;
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="note.wav"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  const body = new Uint8Array(head.length + bytes.length + tail.length);
  body.set(head, 0);
  body.set(bytes, head.length);
  body.set(tail, head.length + bytes.length);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
