import type * as z from 'zod';
import { addFlowerInputSchema, gardenRangeQuerySchema, gardenStatsQuerySchema } from '../../garden/schemas.js';
import { statsOverviewQuerySchema } from '../../stats/stats.js';
import { defineRoute } from '../route.js';
import { flowerListSchema, flowerSchema, gardenStatsSchema, overviewSchema } from '../schemas.js';

/** `/garden/*` and `/stats/*`. */
export const gardenRoutes = [
  defineRoute({
    operation: 'garden.list',
    method: 'GET',
    path: '/garden/',
    summary: 'Flowers in a date range, newest first',
    tag: 'garden',
    auth: true,
    query: gardenRangeQuerySchema,
    success: { status: 200, description: 'The flowers', schema: flowerListSchema },
    handle: ({ pauz, user, query }) => pauz.garden.list(user.id, query),
  }),
  defineRoute({
    operation: 'garden.add',
    method: 'POST',
    path: '/garden/',
    summary: 'Plant a flower for a mood',
    tag: 'garden',
    auth: true,
    body: addFlowerInputSchema,
    success: { status: 201, description: 'The new flower', schema: flowerSchema },
    // `sessionId` must name one of the user's sessions.
    errors: ['NOT_FOUND'],
    handle: ({ pauz, user, body }) => pauz.garden.add(user.id, body),
  }),
  defineRoute({
    operation: 'garden.stats',
    method: 'GET',
    path: '/garden/stats',
    summary: 'Totals, moods, streaks and the calendar',
    tag: 'garden',
    auth: true,
    query: gardenStatsQuerySchema,
    success: { status: 200, description: 'Garden statistics', schema: gardenStatsSchema },
    handle: ({ pauz, user, query }) => pauz.garden.stats(user.id, query),
  }),
  defineRoute({
    operation: 'garden.delete',
    method: 'DELETE',
    path: '/garden/:id',
    summary: 'Remove a flower',
    tag: 'garden',
    auth: true,
    success: { status: 204, description: 'Removed' },
    handle: ({ pauz, user, params }) => pauz.garden.delete(user.id, params.id),
  }),
  defineRoute({
    operation: 'stats.overview',
    method: 'GET',
    path: '/stats/overview',
    summary: 'Counts across everything the user wrote',
    tag: 'stats',
    auth: true,
    query: statsOverviewQuerySchema,
    success: { status: 200, description: 'Overview statistics', schema: overviewSchema },
    handle: ({ pauz, user, query }) => pauz.stats.overview(user.id, query),
  }),
];
