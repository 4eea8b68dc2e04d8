import { describe, expect, it } from 'vitest';
import { publicObjectUrl } from './public-url.js';

describe('publicObjectUrl', () => {
  const base = { bucket: 'pauz-exports', key: 'u1/free/s_1.pdf', region: 'ewr1' };

  it('prefers an explicit base, then the endpoint in path or virtual-host style, then AWS', () => {
    expect(publicObjectUrl({ ...base, forcePathStyle: true, publicBaseUrl: 'https://cdn.example.com/x/', endpoint: 'https://ewr1.vultrobjects.com' })).toBe(
      'https://cdn.example.com/x/u1/free/s_1.pdf',
    );
    expect(publicObjectUrl({ ...base, forcePathStyle: true, endpoint: 'https://ewr1.vultrobjects.com/' })).toBe(
      'https://ewr1.vultrobjects.com/pauz-exports/u1/free/s_1.pdf',
    );
    expect(publicObjectUrl({ ...base, forcePathStyle: false, endpoint: 'https://ewr1.vultrobjects.com' })).toBe(
      'https://pauz-exports.ewr1.vultrobjects.com/u1/free/s_1.pdf',
    );
    expect(publicObjectUrl({ ...base, region: 'eu-west-1', forcePathStyle: false })).toBe(
      'https://pauz-exports.s3.eu-west-1.amazonaws.com/u1/free/s_1.pdf',
    );
  });
});
