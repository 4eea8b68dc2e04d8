import express from 'express';
import { pauzExpress } from '@pauz/express';

const app = express();
app.use(express.json({ limit: '2mb' }));
app.use('/api', pauzExpress(pauz));
