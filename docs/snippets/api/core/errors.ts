import { isPauzError } from '@pauz/core';

const session = await pauz.freeJournal.create(user.id);
await pauz.freeJournal.save(user.id, session.id, { content: 'Saved on the phone.' });
try {
  // Still editing the version this laptop loaded.
  await pauz.freeJournal.save(user.id, session.id, { content: 'Typed on the laptop.', baseVersion: session.version });
} catch (error) {
  if (!isPauzError(error, 'VERSION_CONFLICT')) throw error;
  console.log('someone else saved first; now at', error.details.currentVersion);
}
