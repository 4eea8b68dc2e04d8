import { memoryBucket } from '@pauz/core';
const hints = memoryBucket('hints');
await hints.put('u1/h1.json', JSON.stringify({ text: 'What made you smile?' }), { contentType: 'application/json' });
const hint = await (await hints.get('u1/h1.json'))?.json();
