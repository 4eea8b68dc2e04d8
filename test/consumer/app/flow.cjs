'use strict';
// The consumer flow against the CommonJS builds (`require`).
const core = require('@pauz/core');
const sqlite = require('@pauz/core/sqlite');
const { pauzHono } = require('@pauz/hono');
const { pauzExpress } = require('@pauz/express');
const { Hono } = require('hono');
const express = require('express');
const { serve } = require('@hono/node-server');
const { run } = require('./scenario.cjs');

run({ core, sqlite, pauzHono, pauzExpress, Hono, express, serve, format: 'cjs' }).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
