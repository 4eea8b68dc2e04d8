// check-only: needs a Pauz instance and an app of the host's
// #region example
import { mountedServer } from '@pauz/core/testing';
import express from 'express';

const app = express();
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const { url, close } = mountedServer(server, '/api');
// #endregion example
