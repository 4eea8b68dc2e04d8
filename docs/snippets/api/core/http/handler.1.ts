import { pauzExpress } from '@pauz/express';
import express, { type Request } from 'express';

// `req.user` is set by the app's own auth middleware, mounted before Pauz.
type SignedIn = Request & { user?: { id: string; email: string; name: string } };

const app = express();
app.use('/api', pauzExpress(pauz, { resolveUser: (req: SignedIn) => req.user ?? null }));
