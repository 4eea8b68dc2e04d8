import { createPauzFromRaindrop } from '@pauz/core/raindrop';
import { pauzHono } from '@pauz/hono';

// Inside a Raindrop service `env` is `this.env`: the bindings of raindrop.manifest
// (HINTS, GUIDED_JOURNALS, AUDIO_FILES, PAUZ, AI) and the VULTR_* variables.
// Once per isolate, before the first request:
const pauz = createPauzFromRaindrop(env);
await pauz.migrate();
const api = pauzHono(pauz);

const topics = await api.request('/guided_journal/topics');
console.log(topics.status); // 200
