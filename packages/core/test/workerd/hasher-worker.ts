/*
 * The worker of hasher.test.ts: Pauz's password hashers, from the root entry,
 * inside workerd. POST a JSON body; every answer is JSON (500 with the error's
 * message when the hasher threw).
 */
import { isolatePasswordHasher, type PasswordHasher, webCryptoPbkdf2PasswordHasher } from '../../src/index.js';

const hashers: Record<string, () => PasswordHasher> = {
  isolate: () => isolatePasswordHasher(),
  pbkdf2: () => webCryptoPbkdf2PasswordHasher({ iterations: 100_000 }),
};

export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    try {
      const body = (await request.json()) as { hasher: string; password: string; hash?: string };
      const make = hashers[body.hasher];
      if (make === undefined) return Response.json({ error: `no hasher ${body.hasher}` }, { status: 400 });
      const hasher = make();
      if (pathname === '/hash') return Response.json({ hash: await hasher.hash(body.password) });
      if (pathname === '/verify') {
        return Response.json({ ok: await hasher.verify(body.password, body.hash ?? ''), needsRehash: hasher.needsRehash?.(body.hash ?? '') });
      }
      if (pathname === '/runtime') {
        const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
        return Response.json({ builtinCrypto: typeof host?.getBuiltinModule === 'function' });
      }
      return Response.json({ error: 'not found' }, { status: 404 });
    } catch (error) {
      return Response.json({ error: error instanceof Error ? error.message : String(error) }, { status: 500 });
    }
  },
};
