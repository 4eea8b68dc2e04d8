const session = await pauz.freeJournal.create(user.id);
// Give up on the Writer after five seconds, as a client that went away would.
const controller = new AbortController();
const timer = setTimeout(() => controller.abort(), 5_000);
const hint = await pauz.hints.generate(user.id, session.id, {}, { signal: controller.signal });
clearTimeout(timer);
console.log(hint.text);
