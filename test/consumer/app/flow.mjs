// The consumer flow against the ESM builds (`import`).
import * as core from '@pauz/core';
import * as sqlite from '@pauz/core/sqlite';
import { pauzHono } from '@pauz/hono';
import { pauzExpress } from '@pauz/express';
import { Hono } from 'hono';
import express from 'express';
import { serve } from '@hono/node-server';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const { run } = createRequire(import.meta.url)('./scenario.cjs');
// @pauz/client joins the flow once the workspace has it.
const client = existsSync(new URL('./node_modules/@pauz/client/package.json', import.meta.url)) ? await import('@pauz/client') : null;
await run({ core, sqlite, pauzHono, pauzExpress, Hono, express, serve, client, format: 'esm' });
