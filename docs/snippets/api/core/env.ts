import { createPauzFromEnv } from '@pauz/core/env';
const pauz = await createPauzFromEnv(process.env);
await pauz.migrate();
