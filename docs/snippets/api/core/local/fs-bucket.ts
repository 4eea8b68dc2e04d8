import { fsBucket } from '@pauz/core/local';

const recordings = fsBucket({ root: './.pauz/buckets', name: 'audio-files' });
await recordings.put('u1/rec-1.webm', audio, { contentType: 'audio/webm' });
