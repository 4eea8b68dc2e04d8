import { describe, expect, it } from 'vitest';
import { defineWorkerSuite } from '../harness/worker.js';

export default defineWorkerSuite(() => {
  describe('shim', () => {
    it('fails on a wrong expectation', () => {
      expect({ a: 1 }).toEqual({ a: 2 });
    });
    it('fails on a rejected promise matcher', async () => {
      await expect(Promise.resolve(1)).rejects.toThrow();
    });
    it('passes', async () => {
      // Only workerd has `navigator.userAgent === 'Cloudflare-Workers'`.
      expect(navigator.userAgent).toBe('Cloudflare-Workers');
      await expect(Promise.reject(new Error('x'))).rejects.toThrow('x');
      expect([1, 2]).toEqual(expect.arrayContaining([2]));
    });
    it('skips', (ctx) => ctx.skip('because'));
  });
});
