const session = await pauz.freeJournal.create(user.id);
const recording = await pauz.recordings.store(user.id, session.id, { audio, contentType: 'audio/webm' });
const { bytes, contentType } = await pauz.recordings.audio(user.id, session.id, recording.id);
console.log(contentType, bytes.byteLength === audio.byteLength); // audio/webm true
