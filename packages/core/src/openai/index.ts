/**
 * OpenAI-compatible adapters (`fetch` only): transcription through
 * `/audio/transcriptions`, and the writer through `/chat/completions`. They work with
 * OpenAI, Groq, OpenRouter and self-hosted servers (Whisper servers, vLLM, llama.cpp,
 * Ollama).
 * @module @pauz/core/openai
 */
export type { OpenAiConnection } from './endpoint.js';
export { openAiTranscriber, type OpenAiTranscriberOptions } from './transcriber.js';
export { openAiWriter, type OpenAiWriterOptions } from './writer.js';
