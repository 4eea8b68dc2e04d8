import { Hono } from 'hono';
import { pauzHono } from '@pauz/hono';

type AppEnv = { Variables: { user?: { id: string } } };

const app = new Hono<AppEnv>();
// The app's own session middleware, before Pauz.
app.use('*', async (c, next) => {
  if (c.req.header('x-demo-user') !== undefined) c.set('user', { id: 'demo-user' });
  await next();
});
app.route('/api', pauzHono<AppEnv>(pauz, { resolveUser: (c) => c.get('user')?.id ?? null }));
