import { chatWriter } from '@pauz/core';

const writer = chatWriter({
  service: 'my-llm',
  endpoint: 'llm.internal/generate',
  timeoutMs: 30_000,
  async complete({ messages, maxTokens, temperature, signal }) {
    const res = await fetch('https://llm.internal/generate', {
      method: 'POST',
      body: JSON.stringify({ messages, maxTokens, temperature }),
      signal,
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()).output;
  },
});
const { text } = await writer.hint({ content: 'Long day at work.' });
