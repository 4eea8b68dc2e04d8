import { createPauz, localWriter } from '@pauz/core';

const pauz = createPauz({ db, buckets, pdfs, writer: localWriter() });

const { text } = await localWriter().hint({ content: 'I was so worried about the exam.' });
