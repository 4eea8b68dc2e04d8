import { freeJournalPdfDocument, renderJournalPdf } from '@pauz/core';

const session = await pauz.freeJournal.create(user.id, { title: 'Sunday' });
const { items: hints } = await pauz.hints.list(user.id, session.id);
const doc = freeJournalPdfDocument({
  title: session.title,
  createdAt: session.createdAt,
  mood: session.mood,
  content: session.content,
  hints: hints.map((h) => h.text),
  timeZone: 'Europe/Paris',
});
const bytes = await renderJournalPdf(doc);
