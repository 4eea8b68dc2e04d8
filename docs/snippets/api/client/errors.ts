// check-only: calls a Pauz server at example.com
// #region example
import { createPauzClient, isPauzClientError } from '@pauz/client';

const client = createPauzClient({ baseUrl: 'https://example.com/api', token: 'token from auth.login' });
const session = await client.freeJournal.create();
try {
  await client.freeJournal.save({ id: session.id }, { content: 'Late edit', baseVersion: session.version });
} catch (error) {
  if (!isPauzClientError(error) || error.code !== 'VERSION_CONFLICT') throw error;
  console.log('someone saved first; the session is at version', error.currentVersion);
}
// #endregion example
