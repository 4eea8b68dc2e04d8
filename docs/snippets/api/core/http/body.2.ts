import { bodyTooLargeError, hostConsumedBody, type HttpRequestBody } from '@pauz/core/adapters';

// In an adapter: the host's parser refused a body over its 1 MB limit. Answered
// 413 if the route reads the body; a DELETE that reads none still runs.
const refused: HttpRequestBody = hostConsumedBody(bodyTooLargeError(1_000_000));
