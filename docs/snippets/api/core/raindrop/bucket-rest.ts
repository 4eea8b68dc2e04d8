import { raindropRestBucket } from '@pauz/core/raindrop';

const hints = raindropRestBucket({
  apiKey: process.env.AI_API_KEY!,
  applicationName: 'pauz-journaling',
  bucket: 'hints',
  timeoutMs: 15_000,
});
await hints.put('u1/h1.json', JSON.stringify({ text: 'What made you smile?' }), { contentType: 'application/json' });
