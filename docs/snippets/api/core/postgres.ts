import { createPostgresDatabase } from '@pauz/core/postgres';
const db = createPostgresDatabase({ connectionString: process.env.DATABASE_URL });
