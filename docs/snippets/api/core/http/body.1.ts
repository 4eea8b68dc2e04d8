import type { IncomingMessage } from 'node:http';
import { hostConsumedBody, type HttpRequestBody } from '@pauz/core/adapters';

// In an adapter: a stream some middleware drained without leaving a result.
function bodyOf(req: IncomingMessage): HttpRequestBody {
  return req.readableEnded ? hostConsumedBody('a middleware read the body and set no req.body') : { kind: 'stream', stream: req };
}
