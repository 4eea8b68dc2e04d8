// The same packages from a CommonJS TypeScript module (require conditions, .d.cts types).
import core = require('@pauz/core');
import sqlite = require('@pauz/core/sqlite');
import hono = require('@pauz/hono');
import pauzExpress = require('@pauz/express');
import express = require('express');
import { Hono } from 'hono';

export function mountCjs(filename: string): Hono {
  const pauz: core.Pauz = core.createPauz({
    db: sqlite.createSqliteDatabase({ filename }),
    buckets: core.memoryBuckets(),
    pdfs: core.memoryPdfStore({ secret: 'consumer-test-secret-of-at-least-32-chars', publicBaseUrl: 'http://127.0.0.1:3000/api' }),
  });
  const app = express();
  app.use('/api', pauzExpress.pauzExpress(pauz));
  const root = new Hono();
  root.route('/api', hono.pauzHono(pauz));
  return root;
}

export function recognise(error: unknown): string | null {
  return core.isPauzError(error) ? error.code : null;
}
