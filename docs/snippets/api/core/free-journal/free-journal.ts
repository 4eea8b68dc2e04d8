import { isPauzError } from '@pauz/core';

const session = await pauz.freeJournal.create(user.id);
const save = { content: 'A quiet morning.', hints: ['What made it quiet?'], baseVersion: session.version };
try {
  await pauz.freeJournal.save(user.id, session.id, save);
} catch (error) {
  // The text is saved; only the hints are left to send.
  if (!isPauzError(error) || typeof error.details.savedVersion !== 'number') throw error;
  const hints = error.details.unsavedHints as string[];
  await pauz.freeJournal.save(user.id, session.id, { content: save.content, hints, baseVersion: error.details.savedVersion });
}
