import { openAiTranscriber } from '@pauz/core/openai';

const transcriber = openAiTranscriber({
  baseUrl: 'https://api.groq.com/openai/v1',
  apiKey: process.env.PAUZ_TRANSCRIBE_API_KEY,
  model: 'whisper-large-v3',
  timeoutMs: 60_000,
});
const { text } = await transcriber.transcribe({ audio, contentType: 'audio/webm' });
