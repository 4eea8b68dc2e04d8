import { createPauz } from '@pauz/core';
import { raindropBindingBucket } from '@pauz/core/raindrop';

// inside a Raindrop service, `env` is `this.env`: the smartbuckets of raindrop.manifest
const pauz = createPauz({
  db,
  buckets: {
    hints: raindropBindingBucket(env.HINTS, { name: 'hints' }),
    guidedJournals: raindropBindingBucket(env.GUIDED_JOURNALS, { name: 'guided-journals' }),
    audio: raindropBindingBucket(env.AUDIO_FILES, { name: 'audio-files' }),
  },
  pdfs,
});
