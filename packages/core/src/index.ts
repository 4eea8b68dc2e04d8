/**
 * `@pauz/core`: the journaling domain, its ports and services. Runtime-neutral: Web
 * APIs only.
 * @module
 */
export { createPauz, type HealthCheck, type HealthReport, type Pauz, type PauzOptions } from './pauz.js';
export { DEFAULT_LIMITS, type PauzLimits } from './context.js';
export {
  ERROR_CODES,
  type FieldError,
  isPauzError,
  PauzConfigError,
  PauzError,
  type PauzErrorCode,
  type PauzErrorOptions,
} from './errors.js';
export { type Clock, type IdGenerator, randomIds, systemClock } from './runtime.js';
export type { PauzDatabase, PauzTables } from './db/schema.js';
export type {
  FlowersTable,
  FreeSessionsTable,
  LoginFailuresTable,
  TokensTable,
  UsersTable,
} from './db/schema.js';
export {
  migrateToLatest,
  type MigrationReport,
  PAUZ_MIGRATION_LOCK_TABLE,
  PAUZ_MIGRATION_TABLE,
} from './db/migrate.js';
export { PAUZ_MIGRATIONS } from './db/migrations.js';
export type { Page } from './paging.js';

export { Accounts } from './accounts/accounts.js';
export type { AuthSession, ExternalUser, User } from './accounts/types.js';
export {
  emailSchema,
  loginInputSchema,
  type LoginInput,
  newPasswordSchema,
  normaliseEmail,
  registerInputSchema,
  type RegisterInput,
} from './accounts/schemas.js';
export {
  OWASP_SCRYPT,
  type PasswordHasher,
  type ScryptFunction,
  type ScryptParams,
  scryptPasswordHasher,
} from './accounts/passwords.js';

export { FreeJournal } from './free-journal/free-journal.js';
export type { FreeJournalPreview, FreeJournalSession } from './free-journal/types.js';
export {
  type CreateSessionInput,
  createSessionInputSchema,
  type ListSessionsQuery,
  listSessionsQuerySchema,
  type SaveSessionInput,
  saveSessionInputSchema,
} from './free-journal/schemas.js';
export { countWords } from './free-journal/text.js';

export { Garden } from './garden/garden.js';
export { FLOWERS, type FlowerStyle, isMood, type Mood, MOODS } from './garden/moods.js';
export type { Flower, FlowerSource, GardenDay, GardenStats } from './garden/types.js';
export {
  type AddFlowerInput,
  addFlowerInputSchema,
  type GardenRangeQuery,
  gardenRangeQuerySchema,
  type GardenStatsQuery,
  gardenStatsQuerySchema,
} from './garden/schemas.js';
export { computeStreaks, type Streaks } from './garden/streaks.js';

export { Stats, type StatsOverview, type StatsOverviewQuery, statsOverviewQuerySchema } from './stats/stats.js';

export * from './http/index.js';
