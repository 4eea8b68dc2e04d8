import { pauzExpress } from '@pauz/express';
import express from 'express';

const app = express();
// One proxy in front, which sets X-Forwarded-For: Express's own parsing of it.
app.set('trust proxy', 1);
app.use('/api', pauzExpress(pauz, { clientAddress: (req) => req.ip ?? null }));
