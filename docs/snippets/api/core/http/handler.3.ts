import { createPauzFetch } from '@pauz/core/http';

// Drop at most 8 MiB or 5 s of an unread body before answering.
const handle = createPauzFetch(pauz, { drain: { maxBytes: 8 * 1024 * 1024, timeoutMs: 5_000 } });
