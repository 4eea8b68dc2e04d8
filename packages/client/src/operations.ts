import type { PauzContract } from '@pauz/core/http';
import type { InputLocation } from './types.js';

/**
 * How one operation is called: its method, path, where its input goes, whether it
 * answers JSON or bytes, and the statuses besides 2xx whose body is its answer rather
 * than a problem (`/health`'s 503).
 */
export type OperationEntry<Name extends keyof PauzContract = keyof PauzContract> = readonly [
  method: PauzContract[Name]['method'],
  path: PauzContract[Name]['path'],
  input: InputLocation<PauzContract[Name]>,
  output: PauzContract[Name]['kind'] extends 'download' ? 'bytes' : 'json',
  answers?: readonly number[],
];

/**
 * The method, path, input and output of every operation of the contract: the only runtime
 * part of the contract the client carries. Typed against `PauzContract`, so an entry
 * whose method, path or kind differs from the server's does not compile, and a route
 * added to the server without an entry here fails the type check (the mapped type
 * requires every operation); a test also compares it with the served OpenAPI document.
 */
export const OPERATIONS: { readonly [Name in keyof PauzContract]: OperationEntry<Name> } = {
  'auth.register': ['POST', '/auth/register', 'body', 'json'],
  'auth.login': ['POST', '/auth/login', 'body', 'json'],
  'auth.logout': ['POST', '/auth/logout', 'none', 'json'],
  'auth.me': ['GET', '/auth/me', 'none', 'json'],
  'auth.deleteAccount': ['DELETE', '/auth/me', 'none', 'json'],
  'freeJournal.create': ['POST', '/freejournal/', 'body', 'json'],
  'freeJournal.list': ['GET', '/freejournal/', 'query', 'json'],
  'freeJournal.onThisDay': ['GET', '/freejournal/on-this-day', 'query', 'json'],
  'freeJournal.get': ['GET', '/freejournal/:id', 'none', 'json'],
  'freeJournal.save': ['POST', '/freejournal/:id/save', 'body', 'json'],
  'freeJournal.generateHint': ['POST', '/freejournal/:id/hints', 'body', 'json'],
  'freeJournal.listHints': ['GET', '/freejournal/:id/hints', 'none', 'json'],
  'freeJournal.uploadVoice': ['POST', '/freejournal/:id/voice', 'raw', 'json'],
  'freeJournal.listRecordings': ['GET', '/freejournal/:id/recordings', 'none', 'json'],
  'freeJournal.recordingAudio': ['GET', '/freejournal/:id/recordings/:recordingId/audio', 'none', 'bytes'],
  'freeJournal.retryTranscription': ['POST', '/freejournal/:id/voice/:recordingId/transcribe', 'none', 'json'],
  'freeJournal.reflect': ['POST', '/freejournal/:id/reflect', 'body', 'json'],
  'freeJournal.export': ['POST', '/freejournal/:id/export', 'body', 'json'],
  'freeJournal.delete': ['DELETE', '/freejournal/:id', 'none', 'json'],
  'guidedJournal.topics': ['GET', '/guided_journal/topics', 'none', 'json'],
  'guidedJournal.prompts': ['POST', '/guided_journal/prompts', 'body', 'json'],
  'guidedJournal.create': ['POST', '/guided_journal/', 'body', 'json'],
  'guidedJournal.list': ['GET', '/guided_journal/', 'query', 'json'],
  'guidedJournal.get': ['GET', '/guided_journal/:id', 'none', 'json'],
  'guidedJournal.update': ['PUT', '/guided_journal/:id', 'body', 'json'],
  'guidedJournal.export': ['POST', '/guided_journal/:id/export', 'body', 'json'],
  'guidedJournal.delete': ['DELETE', '/guided_journal/:id', 'none', 'json'],
  'garden.list': ['GET', '/garden/', 'query', 'json'],
  'garden.add': ['POST', '/garden/', 'body', 'json'],
  'garden.stats': ['GET', '/garden/stats', 'query', 'json'],
  'garden.delete': ['DELETE', '/garden/:id', 'none', 'json'],
  'stats.overview': ['GET', '/stats/overview', 'query', 'json'],
  'exports.book': ['POST', '/export/book', 'body', 'json'],
  'account.export': ['GET', '/account/export', 'none', 'bytes'],
  'account.import': ['POST', '/account/import', 'raw', 'json'],
  'search.query': ['GET', '/search', 'query', 'json'],
  'files.pdf': ['GET', '/files/pdf/*key', 'query', 'bytes'],
  'meta.health': ['GET', '/health', 'none', 'json', [503]],
  'meta.openapi': ['GET', '/openapi.json', 'none', 'json'],
};
