import { raindropWriter } from '@pauz/core/raindrop';

// inside a Raindrop service, `env` is `this.env`
const writer = raindropWriter(env.AI, { model: 'llama-3.3-70b', timeoutMs: 30_000 });
const { text } = await writer.hint({ content: 'Work was a lot today.' });
