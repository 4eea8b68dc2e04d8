import { raindropTranscriber } from '@pauz/core/raindrop';

// inside a Raindrop service, `env` is `this.env`
const transcriber = raindropTranscriber(env.AI, { timeoutMs: 90_000 });
const { text } = await transcriber.transcribe({ audio, contentType: 'audio/webm' });
