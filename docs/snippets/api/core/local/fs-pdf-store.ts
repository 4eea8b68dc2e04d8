import { fsPdfStore } from '@pauz/core/local';

const pdfs = fsPdfStore({
  root: './.pauz/pdfs',
  publicBaseUrl: 'http://127.0.0.1:3000',
  secret: process.env.PAUZ_LINK_SECRET!, // at least 32 characters
  expiresInSeconds: 3600,
});
