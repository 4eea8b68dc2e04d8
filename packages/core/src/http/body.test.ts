import { describe, expect, it } from 'vitest';
import { isPauzError } from '../errors.js';
import { expectPauzError } from '../testing/expect-code.js';
import { makeWav } from '../testing/audio.js';
import { hostConsumedBody, readBytes, readJson } from './body.js';
import type { HttpRequest, HttpRequestBody } from './types.js';
import { readAudioUpload } from './upload.js';

function request(body: HttpRequestBody, contentType?: string): HttpRequest {
  const headers = new Headers(contentType === undefined ? {} : { 'content-type': contentType });
  return { method: 'POST', path: '/', query: new URLSearchParams(), headers, body, raw: null };
}

describe('bodies a host already read', () => {
  it('parses JSON from the bytes or the text a host read', async () => {
    const json = '{"title":"Morning"}';
    expect(await readJson(request({ kind: 'bytes', bytes: new TextEncoder().encode(json) }, 'application/json'), 1024)).toEqual({ title: 'Morning' });
    expect(await readJson(request({ kind: 'text', text: json }, 'application/json'), 1024)).toEqual({ title: 'Morning' });
    expect(await readJson(request({ kind: 'text', text: '' }, 'application/json'), 1024)).toEqual({});
    await expectPauzError(readJson(request({ kind: 'text', text: '{"title": ' }, 'application/json'), 1024), 'VALIDATION_FAILED');
    await expectPauzError(readJson(request({ kind: 'text', text: 'title=x' }, 'text/plain'), 1024), 'UNSUPPORTED_MEDIA_TYPE');
    await expectPauzError(readJson(request({ kind: 'text', text: `"${'x'.repeat(2000)}"` }, 'application/json'), 1024), 'PAYLOAD_TOO_LARGE');
    await expectPauzError(readJson(request({ kind: 'bytes', bytes: new Uint8Array(2000) }, 'application/json'), 1024), 'PAYLOAD_TOO_LARGE');
  });

  it('takes raw audio from a host raw parser; audio a text parser decoded is a host fault (not a PauzError: 500)', async () => {
    const wav = makeWav({ seconds: 0.05 });
    expect((await readAudioUpload(request({ kind: 'bytes', bytes: wav }, 'audio/wav'), 1 << 20)).audio).toEqual(wav);
    const decoded = new TextDecoder().decode(wav);
    await expectHostFault(readAudioUpload(request({ kind: 'text', text: decoded }, 'audio/wav'), 1 << 20), /text body parser.*bytes are lost/);
    await expectHostFault(readAudioUpload(request({ kind: 'text', text: decoded }, 'multipart/form-data; boundary=x'), 1 << 20), /text body parser/);
  });

  it('takes a form a host parsed, files included', async () => {
    const wav = makeWav({ seconds: 0.05 });
    const form = new FormData();
    form.append('audio', new Blob([wav as Uint8Array<ArrayBuffer>], { type: 'audio/wav' }), 'note.wav');
    const upload = await readAudioUpload(request({ kind: 'form', form }, 'multipart/form-data; boundary=x'), 1 << 20);
    expect(upload).toEqual({ audio: wav, contentType: 'audio/wav' });
    await expectPauzError(readAudioUpload(request({ kind: 'form', form }, 'multipart/form-data; boundary=x'), 16), 'PAYLOAD_TOO_LARGE');
  });

  it('fails a body a host consumed and left nothing of as a host fault naming the cause, a failed host read as malformed', async () => {
    const gone = hostConsumedBody('a middleware read it');
    await expectHostFault(readBytes(request(gone, 'audio/wav'), 1024), /a middleware read it/);
    await expectHostFault(readJson(request(gone, 'application/json'), 1024), /a middleware read it/);
    await expectHostFault(readAudioUpload(request(gone, 'multipart/form-data; boundary=x'), 1024), /a middleware read it/);
    const failed = hostConsumedBody('its form parser failed', true);
    await expectPauzError(readJson(request(failed, 'application/json'), 1024), 'VALIDATION_FAILED');
  });
});

/** A failure of the host's setup: a plain error naming the cause, which the HTTP layer answers as a 500 and logs. */
async function expectHostFault(promise: Promise<unknown>, cause: RegExp): Promise<void> {
  const error = await promise.then(
    () => {
      throw new Error('expected a host fault');
    },
    (e: unknown) => e,
  );
  expect(isPauzError(error), String(error)).toBe(false);
  expect((error as Error).message).toMatch(cause);
}
