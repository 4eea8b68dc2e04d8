import { Hono } from 'hono';
import { pauzHono } from '@pauz/hono';

const app = new Hono();
app.route('/api', pauzHono(pauz));
