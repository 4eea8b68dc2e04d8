// check-only: calls a Pauz server at example.com
// #region example
import { createPauzClient } from '@pauz/client';

declare const recording: Blob; // from MediaRecorder or an <input type="file">

const anonymous = createPauzClient({ baseUrl: 'https://example.com/api' });
const { token } = await anonymous.auth.login({ email: 'ada@example.com', password: 'correct horse battery' });
const client = anonymous.withToken(token);

const session = await client.freeJournal.create({ title: 'By the river' });
await client.freeJournal.save({ id: session.id }, { content: 'The water was loud.', baseVersion: session.version });
const { recording: stored } = await client.freeJournal.uploadVoice({ id: session.id }, recording);
console.log(stored.status, stored.transcript);
// #endregion example
