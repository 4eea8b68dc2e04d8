import { readFile } from 'node:fs/promises';
import { freeJournalPdfDocument, renderJournalPdf } from '@pauz/core';

const doc = freeJournalPdfDocument({
  title: 'Sunday',
  createdAt: '2026-06-14T08:30:00Z',
  mood: 'calm',
  content: 'Slept well.\n\nWalked to the lake & back (5 km).',
  hints: ['What made the walk feel good?'],
});
const bytes = await renderJournalPdf(doc, {
  // optional: a CJK font for Chinese, Japanese and Korean text
  fallbackFonts: [{ bytes: await readFile('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc') }],
});
