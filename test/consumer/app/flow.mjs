// The consumer flow against the ESM builds (`import`).
import * as core from '@pauz/core';
import * as sqlite from '@pauz/core/sqlite';
import { pauzHono } from '@pauz/hono';
import { pauzExpress } from '@pauz/express';
import { Hono } from 'hono';
import express from 'express';
import { serve } from '@hono/node-server';
import { createRequire } from 'node:module';

const { run } = createRequire(import.meta.url)('./scenario.cjs');
await run({ core, sqlite, pauzHono, pauzExpress, Hono, express, serve, format: 'esm' });
