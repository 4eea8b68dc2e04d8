import { Miniflare } from 'miniflare';
import { raindropSqlDatabase } from '../../src/raindrop.js';
import { testDatabase } from '../../src/testing/index.js';

// The whole database contract on a real D1 (miniflare's workerd), reached from Node
// through miniflare's proxy of the binding: every statement crosses into workerd.
testDatabase({
  name: 'D1 (miniflare, from Node)',
  open: async () => {
    const mf = new Miniflare({
      modules: true,
      script: 'export default { fetch() { return new Response(null, { status: 404 }) } }',
      d1Databases: ['PAUZ'],
      compatibilityDate: '2024-09-23',
    });
    const binding = await mf.getD1Database('PAUZ');
    return { db: raindropSqlDatabase(binding as never), close: () => mf.dispose() };
  },
});
