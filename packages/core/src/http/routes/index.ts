import { accountRoutes } from './account.js';
import { authRoutes } from './auth.js';
import { exportRoutes } from './export.js';
import { fileRoutes } from './files.js';
import { freeJournalRoutes } from './free-journal.js';
import { gardenRoutes } from './garden.js';
import { guidedRoutes } from './guided.js';
import { metaRoutes } from './meta.js';
import { searchRoutes } from './search.js';

export { accountRoutes, authRoutes, exportRoutes, fileRoutes, freeJournalRoutes, gardenRoutes, guidedRoutes, metaRoutes, searchRoutes };

/**
 * Every route of the contract, in the order the OpenAPI document lists them. The
 * handler serves these (the `/auth/*` ones only when the built-in accounts are on);
 * the contract type `PauzContract` is computed from this list, so a route added to
 * a group appears in the contract, and in `@pauz/client`'s type check, at once.
 */
export const allRoutes = [
  ...authRoutes,
  ...freeJournalRoutes,
  ...guidedRoutes,
  ...gardenRoutes,
  ...exportRoutes,
  ...searchRoutes,
  ...accountRoutes,
  ...fileRoutes,
  ...metaRoutes,
];
