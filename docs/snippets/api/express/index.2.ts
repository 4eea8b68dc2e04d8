import express, { type Request } from 'express';
import { pauzExpress } from '@pauz/express';

// What the app's own session middleware, mounted before Pauz, sets.
type SignedIn = Request & { user?: { id: string; email: string } };

const app = express();
app.use('/api', pauzExpress<SignedIn>(pauz, { resolveUser: (req) => req.user?.id ?? null }));
