import { openAiWriter } from '@pauz/core/openai';

const writer = openAiWriter({
  baseUrl: 'https://api.openai.com/v1',
  apiKey: process.env.PAUZ_LLM_API_KEY,
  model: 'gpt-4o-mini',
  timeoutMs: 30_000,
});
const reflection = await writer.reflect({ content: 'Today I finally rested.' });
