import type { z } from 'zod';
import {
  createGuidedJournalInputSchema,
  guidedPromptsInputSchema,
  listGuidedJournalsQuerySchema,
  updateGuidedJournalInputSchema,
} from '../../guided/schemas.js';
import { defineRoute, type AnyRoute } from '../route.js';
import {
  guidedJournalSchema,
  guidedPreviewSchema,
  guidedPromptsResponseSchema,
  guidedTopicListSchema,
  pageSchema,
  pdfExportSchema,
} from '../schemas.js';
import { exportInputSchema } from '../../export/exports.js';

const guidedPage = pageSchema(guidedPreviewSchema, 'GuidedJournalPage');

/** `/guided_journal/*`: guided journals, documents in the `guided-journals` bucket. */
export const guidedRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/guided_journal/topics',
    summary: 'The ten guided topics',
    tag: 'guided journal',
    auth: false,
    success: { status: 200, description: 'The topics with their aspects', schema: guidedTopicListSchema },
    handle: async ({ pauz }) => ({ items: pauz.guidedJournals.topics() }),
  }),
  defineRoute({
    method: 'POST',
    path: '/guided_journal/prompts',
    summary: 'Nine prompts for a topic, three per section, from the Writer',
    tag: 'guided journal',
    auth: true,
    body: guidedPromptsInputSchema,
    success: { status: 200, description: 'The prompts', schema: guidedPromptsResponseSchema },
    errors: ['WRITER_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: ({ pauz, body, signal }) => pauz.guidedJournals.prompts(body, { signal }),
  }),
  defineRoute({
    method: 'POST',
    path: '/guided_journal/',
    summary: 'Create a guided journal (the complete document goes to the SmartBucket)',
    tag: 'guided journal',
    auth: true,
    body: createGuidedJournalInputSchema,
    success: { status: 201, description: 'The new journal', schema: guidedJournalSchema },
    errors: ['SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT', 'WRITER_FAILED'],
    handle: ({ pauz, user, body, signal }) => pauz.guidedJournals.create(user.id, body, { signal }),
  }),
  defineRoute({
    method: 'GET',
    path: '/guided_journal/',
    summary: 'List guided journals, newest first (from the SQL index, no bucket reads)',
    tag: 'guided journal',
    auth: true,
    query: listGuidedJournalsQuerySchema,
    success: { status: 200, description: 'A page of journal previews', schema: guidedPage },
    handle: ({ pauz, user, query }) => pauz.guidedJournals.list(user.id, query),
  }),
  defineRoute({
    method: 'GET',
    path: '/guided_journal/:id',
    summary: 'One guided journal',
    tag: 'guided journal',
    auth: true,
    success: { status: 200, description: 'The journal', schema: guidedJournalSchema },
    errors: ['SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: ({ pauz, user, params, signal }) => pauz.guidedJournals.get(user.id, params.id, { signal }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/guided_journal/:id',
    summary: 'Update a guided journal; the whole document is written back to the SmartBucket',
    tag: 'guided journal',
    auth: true,
    body: updateGuidedJournalInputSchema,
    success: { status: 200, description: 'The journal, version bumped', schema: guidedJournalSchema },
    errors: ['VERSION_CONFLICT', 'SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: ({ pauz, user, params, body, signal }) => pauz.guidedJournals.update(user.id, params.id, body, { signal }),
  }),
  defineRoute({
    method: 'POST',
    path: '/guided_journal/:id/export',
    summary: 'Export the guided journal (topic, sections, prompts with answers) as a PDF to the PdfStore',
    tag: 'export',
    auth: true,
    body: exportInputSchema,
    success: { status: 201, description: 'Where to download the PDF', schema: pdfExportSchema },
    errors: ['S3_FAILED', 'SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: ({ pauz, user, params, body, signal }) => pauz.exports.guidedJournal(user.id, params.id, body, { signal }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/guided_journal/:id',
    summary: 'Delete a guided journal with its document',
    tag: 'guided journal',
    auth: true,
    success: { status: 204, description: 'Deleted' },
    errors: ['SMARTBUCKET_FAILED', 'S3_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: ({ pauz, user, params, signal }) => pauz.guidedJournals.delete(user.id, params.id, { signal }),
  }),
];
