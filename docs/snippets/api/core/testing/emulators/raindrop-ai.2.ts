import { isPauzError } from '@pauz/core';
import { raindropWriter } from '@pauz/core/raindrop';
import { raindropAiEmulator } from '@pauz/core/testing';

// Chat models answer in the older `{response}` shape; the writer reads both.
const ai = raindropAiEmulator({ shape: 'response' });
const writer = raindropWriter(ai.binding);
console.log((await writer.hint({ content: 'Rain all day.' })).text);

ai.failNext = 1; // the next run answers an error status
const failed = await writer.hint({ content: 'Rain all day.' }).catch((error: unknown) => error);
console.log(isPauzError(failed, 'WRITER_FAILED')); // true
console.log(ai.calls.map((call) => call.model)); // [ 'llama-3.3-70b', 'llama-3.3-70b' ]
