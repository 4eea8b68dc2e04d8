'use strict';
// The consumer flow against the CommonJS builds (`require`).
const core = require('@pauz/core');
const sqlite = require('@pauz/core/sqlite');
const { pauzHono } = require('@pauz/hono');
const { pauzExpress } = require('@pauz/express');
const { Hono } = require('hono');
const express = require('express');
const { serve } = require('@hono/node-server');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { run } = require('./scenario.cjs');
// @pauz/client joins the flow once the workspace has it.
const client = existsSync(join(__dirname, 'node_modules', '@pauz', 'client', 'package.json')) ? require('@pauz/client') : null;

run({ core, sqlite, pauzHono, pauzExpress, Hono, express, serve, client, format: 'cjs' }).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
