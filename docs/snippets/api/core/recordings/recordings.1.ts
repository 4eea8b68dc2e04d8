const session = await pauz.freeJournal.create(user.id, { title: 'A walk' });
await pauz.recordings.store(user.id, session.id, { audio, contentType: 'audio/webm' });
const { items } = await pauz.recordings.list(user.id, session.id);
// A failed one (or one left pending by a crash, reported failed) can be retried.
const retryable = items.filter((r) => r.status === 'failed');
console.log(items.length, retryable.length); // 1 0
