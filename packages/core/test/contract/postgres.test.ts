import { testDatabase } from '../../src/testing/index.js';
import { openPostgresSchema, postgresSkipReason } from '../postgres.js';

testDatabase({ name: 'postgres (own schema)', skip: postgresSkipReason(), open: openPostgresSchema });
