import { guidedJournalPdfDocument, renderJournalPdf } from '@pauz/core';

const journal = await pauz.guidedJournals.create(user.id, { topic: 'joy' });
const doc = guidedJournalPdfDocument({
  topic: journal.topic,
  prompts: journal.prompts,
  entries: journal.entries,
  createdAt: journal.createdAt,
});
const bytes = await renderJournalPdf(doc);
