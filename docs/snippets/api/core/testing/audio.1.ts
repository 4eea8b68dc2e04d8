import { makeWav } from '@pauz/core/testing';

const session = await pauz.freeJournal.create(user.id);
const recording = makeWav({ seconds: 1, sampleRate: 8000, frequency: 440 });
const result = await pauz.voice.record(user.id, session.id, { audio: recording, contentType: 'audio/wav' });
