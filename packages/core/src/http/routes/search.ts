import { searchQuerySchema } from '../../search/search.js';
import { defineRoute } from '../route.js';
import { searchPageSchema } from '../schemas.js';

/** `/search`: full-text search over the acting user's own writing. */
export const searchRoutes = [
  defineRoute({
    operation: 'search.query',
    method: 'GET',
    path: '/search',
    summary: "Search the user's free journals, guided journals and hints by words",
    tag: 'search',
    auth: true,
    query: searchQuerySchema,
    success: { status: 200, description: 'A page of matches, best first, and which searches ran', schema: searchPageSchema },
    errors: ['SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: ({ pauz, user, query, signal }) => pauz.search.query(user.id, query, { signal }),
  }),
];
