import { pdfLinkSigner } from '@pauz/core/adapters';

const signer = pdfLinkSigner({ secret: process.env.PAUZ_LINK_SECRET!, publicBaseUrl: 'https://example.com/api' });
const { url, expiresAt } = await signer.sign('u1/free/s1.pdf');
// What the download route receives back:
const { searchParams } = new URL(url);
const check = await signer.verify({
  key: 'u1/free/s1.pdf',
  expires: searchParams.get('expires') ?? '',
  signature: searchParams.get('signature') ?? '',
}); // { ok: true, key: 'u1/free/s1.pdf' }
