// check-only: registers a vitest suite; call it at the top level of a test file
// #region example
// whisper.contract.test.ts
import { openAiTranscriber } from '@pauz/core/openai';
import { testTranscriber } from '@pauz/core/testing';

testTranscriber({
  name: 'local whisper server',
  transcriber: () => openAiTranscriber({ baseUrl: 'http://127.0.0.1:8000/v1', model: 'whisper-1' }),
});
// #endregion example
