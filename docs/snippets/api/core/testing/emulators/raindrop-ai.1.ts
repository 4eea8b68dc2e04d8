import { raindropTranscriber } from '@pauz/core/raindrop';
import { emulatedTranscript, makeWav, raindropAiEmulator } from '@pauz/core/testing';

const ai = raindropAiEmulator();
const recording = makeWav({ seconds: 0.5 });
const { text } = await raindropTranscriber(ai.binding).transcribe({ audio: recording, contentType: 'audio/wav' });
console.log(text === emulatedTranscript(recording)); // true
