import { readFile } from 'node:fs/promises';
import { freeJournalPdfDocument, type PdfFontSource, renderJournalPdf } from '@pauz/core';

const cjk: PdfFontSource = {
  bytes: await readFile('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'),
  postscriptName: 'WenQuanYiMicroHei', // optional: the collection's first face is the default
};
const doc = freeJournalPdfDocument({ title: '日记', createdAt: new Date(), content: '今天很平静。' });
const pdf = await renderJournalPdf(doc, { fallbackFonts: [cjk] });
