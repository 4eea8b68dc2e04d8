import { expect, it } from 'vitest';
import { expectJson, expectNoContent, expectProblem } from './client.js';
import type { ConformanceContext } from './context.js';
import { guidedJournalSchema, pdfExportSchema, sessionSchema } from '../../http/schemas.js';

async function download(url: string): Promise<Response> {
  return fetch(url);
}

export function exportCases(c: () => ConformanceContext): void {
  it('exports a session to a PDF behind a signed, expiring link (201), replacing it on re-export', async () => {
    const { api, register } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token, json: { title: 'Export me' } }), 201, sessionSchema);
    await api.post(`/freejournal/${s.id}/save`, { token, json: { content: 'Line one\nLine two & <three>', hints: ['What next?'] } });
    const first = expectJson(await api.post(`/freejournal/${s.id}/export`, { token }), 201, pdfExportSchema);
    expect(first.key).toContain(s.id);
    expect(first.expiresAt).not.toBeNull();
    const res = await download(first.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(bytes.byteLength).toBe(first.size);
    await api.post(`/freejournal/${s.id}/save`, { token, json: { content: 'Much longer now. '.repeat(200) } });
    const second = expectJson(await api.post(`/freejournal/${s.id}/export`, { token, json: { timeZone: 'Asia/Tokyo' } }), 201, pdfExportSchema);
    expect(second.key).toBe(first.key);
    expect(second.size).not.toBe(first.size);
    // The first link was for the first PDF: refused now, never serving the second.
    expect((await download(first.url)).status).toBe(404);
    const again = await download(second.url);
    expect(again.status).toBe(200);
    expect((await again.arrayBuffer()).byteLength).toBe(second.size);
  });

  it('refuses tampered and expired links (404)', async () => {
    const { api, register, harness } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    const exported = expectJson(await api.post(`/freejournal/${s.id}/export`, { token }), 201, pdfExportSchema);
    const url = new URL(exported.url);
    const tampered = new URL(url);
    tampered.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    expect((await download(tampered.href)).status).toBe(404);
    const otherKey = new URL(url.href.replace(s.id, crypto.randomUUID()));
    expect((await download(otherKey.href)).status).toBe(404);
    expectProblem(await api.get('/files/pdf/nothing.pdf'), 404, 'NOT_FOUND');
    harness.clock.advance(2 * 24 * 3600 * 1000);
    const expired = await api.get(`${url.pathname.slice(url.pathname.indexOf('/files/'))}${url.search}`);
    expectProblem(expired, 404, 'NOT_FOUND');
    harness.clock.set('2026-06-15T12:00:00Z');
  });

  it('exports guided journals, and deletes PDFs with their journals', async () => {
    const { api, register, harness } = c();
    const { token } = await register();
    const journal = expectJson(
      await api.post('/guided_journal/', { token, json: { topic: 'joy', entries: [{ promptId: 1, response: 'Dancing.' }] } }),
      201,
      guidedJournalSchema,
    );
    const exported = expectJson(await api.post(`/guided_journal/${journal.id}/export`, { token }), 201, pdfExportSchema);
    expect((await download(exported.url)).status).toBe(200);
    expectNoContent(await api.delete(`/guided_journal/${journal.id}`, { token }));
    expect((await download(exported.url)).status).toBe(404);
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    const sessionPdf = expectJson(await api.post(`/freejournal/${s.id}/export`, { token }), 201, pdfExportSchema);
    expectNoContent(await api.delete(`/freejournal/${s.id}`, { token }));
    expect(await harness.pdfs.get?.(sessionPdf.key)).toBeNull();
  });

  it("answers 404 to exports of another user's journals, and bad export input with 400", async () => {
    const { api, register } = c();
    const owner = await register();
    const intruder = await register();
    const s = expectJson(await api.post('/freejournal/', { token: owner.token }), 201, sessionSchema);
    const j = expectJson(await api.post('/guided_journal/', { token: owner.token, json: { topic: 'mind' } }), 201, guidedJournalSchema);
    expectProblem(await api.post(`/freejournal/${s.id}/export`, { token: intruder.token }), 404, 'NOT_FOUND');
    expectProblem(await api.post(`/guided_journal/${j.id}/export`, { token: intruder.token }), 404, 'NOT_FOUND');
    expectProblem(await api.post(`/freejournal/${s.id}/export`, { token: owner.token, json: { timeZone: 'Nowhere/City' } }), 400, 'VALIDATION_FAILED');
  });

  it('exports the book (201, body optional) behind a signed link only its owner gets, and deletes it with the account', async () => {
    const { api, register, harness } = c();
    const owner = await register();
    const other = await register();
    const s = expectJson(await api.post('/freejournal/', { token: owner.token, json: { title: 'In the book' } }), 201, sessionSchema);
    await api.post(`/freejournal/${s.id}/save`, { token: owner.token, json: { content: 'Written for the book.' } });
    const book = expectJson(await api.post('/export/book', { token: owner.token }), 201, pdfExportSchema);
    expect(book.key).toMatch(/^users\/[^/]+\/book\.pdf$/);
    const res = await download(book.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect((await res.arrayBuffer()).byteLength).toBe(book.size);
    const ranged = expectJson(await api.post('/export/book', { token: owner.token, json: { from: '2000-01-01', tz: 'Pacific/Auckland' } }), 201, pdfExportSchema);
    expect(ranged.key).toBe(book.key);
    // The other user's book is theirs, under their own key; my key without my link is nobody's.
    const theirs = expectJson(await api.post('/export/book', { token: other.token, json: {} }), 201, pdfExportSchema);
    expect(theirs.key).not.toBe(book.key);
    const path = `/files/pdf/${book.key.split('/').map(encodeURIComponent).join('/')}`;
    expectProblem(await api.get(path, { token: other.token }), 404, 'NOT_FOUND');
    expectProblem(await api.get(path, { token: owner.token }), 404, 'NOT_FOUND');
    expect((await download(new URL(`${path}${new URL(theirs.url).search}`, book.url).href)).status).toBe(404);
    expectProblem(await api.post('/export/book', { token: owner.token, json: { from: '2026-02-01', to: '2026-01-31' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await api.post('/export/book', { token: owner.token, json: { tz: 'Nowhere/City' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await api.post('/export/book', { json: {} }), 401, 'UNAUTHENTICATED');
    expectNoContent(await api.delete('/auth/me', { token: owner.token }));
    expect(await harness.pdfs.get?.(ranged.key)).toBeNull();
    expect(await harness.pdfs.get?.(theirs.key)).not.toBeNull();
  });
}
