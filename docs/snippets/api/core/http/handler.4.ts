import { createPauzFetch } from '@pauz/core/http';

// Give up on a body that pauses for 10 s or takes more than 2 minutes.
const handle = createPauzFetch(pauz, { bodyTimeouts: { idleMs: 10_000, totalMs: 120_000 } });
