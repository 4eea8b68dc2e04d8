import { describe, expect, it } from 'vitest';
import { PauzConfigError } from '../errors.js';
import { vultrPdfOptionsFromEnv } from './vultr-options.js';

describe('vultrPdfOptionsFromEnv', () => {
  const full = { VULTR_ACCESS_KEY: ' AK ', VULTR_SECRET_KEY: 'SK', VULTR_REGION: 'ewr1', VULTR_BUCKET_NAME: 'pauz-exports' };

  it('reads the four variables (trimmed), VULTR_ENDPOINT and PAUZ_PDF_URLS', () => {
    expect(vultrPdfOptionsFromEnv(full)).toEqual({ region: 'ewr1', bucket: 'pauz-exports', accessKey: 'AK', secretKey: 'SK', urlMode: 'presigned' });
    expect(vultrPdfOptionsFromEnv({ ...full, VULTR_ENDPOINT: 'http://127.0.0.1:9000', PAUZ_PDF_URLS: 'public' })).toMatchObject({
      endpoint: 'http://127.0.0.1:9000',
      urlMode: 'public',
    });
  });

  it('names every missing or invalid variable at once, never a value; bindings that are not strings count as missing', () => {
    let caught: unknown;
    try {
      vultrPdfOptionsFromEnv({ VULTR_SECRET_KEY: 'super-secret-value', VULTR_REGION: 'ewr1.evil.com/', VULTR_BUCKET_NAME: { name: 'x' }, VULTR_ENDPOINT: 'ftp://x', PAUZ_PDF_URLS: 'forever', VULTR_ACCESS_KEY: '  ' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PauzConfigError);
    const { problems } = caught as PauzConfigError;
    expect(problems).toEqual([
      'Vultr PDF storage needs VULTR_ACCESS_KEY, VULTR_BUCKET_NAME',
      'VULTR_REGION must be a cluster id such as ewr1',
      'VULTR_ENDPOINT must be an http(s) URL',
      'PAUZ_PDF_URLS must be `presigned` or `public`, not `forever`',
    ]);
    expect(JSON.stringify(problems)).not.toContain('super-secret-value');
  });
});
