import { describe, expect, it } from 'vitest';
import { gatedHasher } from './hash-gate.js';
import type { PasswordHasher } from './passwords.js';
import { PauzError } from '../errors.js';

function slowHasher(): PasswordHasher & { peak: number; release(): void } {
  let active = 0;
  const pending: Array<() => void> = [];
  const hasher = {
    peak: 0,
    release() {
      for (const resolve of pending.splice(0)) resolve();
    },
    async hash(password: string) {
      active += 1;
      hasher.peak = Math.max(hasher.peak, active);
      await new Promise<void>((resolve) => pending.push(resolve));
      active -= 1;
      return `h:${password}`;
    },
    async verify() {
      return true;
    },
  };
  return hasher;
}

describe('gatedHasher', () => {
  it('runs at most `concurrency` hashes at once and queues the rest', async () => {
    const inner = slowHasher();
    const gated = gatedHasher(inner, 2, 10);
    const all = Promise.all(Array.from({ length: 6 }, (_, i) => gated.hash(`p${i}`)));
    for (let round = 0; round < 4; round++) {
      await new Promise((r) => setTimeout(r, 5));
      inner.release();
    }
    expect(await all).toEqual(['h:p0', 'h:p1', 'h:p2', 'h:p3', 'h:p4', 'h:p5']);
    expect(inner.peak).toBe(2);
  });

  it('refuses with RATE_LIMITED once the queue is full', async () => {
    const inner = slowHasher();
    const gated = gatedHasher(inner, 1, 2);
    const accepted = [gated.hash('a'), gated.hash('b'), gated.hash('c')];
    const refused = await gated.hash('d').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PauzError);
    expect((refused as PauzError).code).toBe('RATE_LIMITED');
    for (let round = 0; round < 3; round++) {
      await new Promise((r) => setTimeout(r, 5));
      inner.release();
    }
    expect(await Promise.all(accepted)).toEqual(['h:a', 'h:b', 'h:c']);
  });

  it("passes needsRehash through, without a slot, and only when the hasher has one", async () => {
    const inner = slowHasher();
    const gated = gatedHasher({ ...inner, hash: inner.hash, needsRehash: (hash: string) => hash === 'old' }, 1, 0);
    const busy = gated.hash('a'); // holds the only slot
    expect(gated.needsRehash?.('old')).toBe(true);
    expect(gated.needsRehash?.('new')).toBe(false);
    expect(gatedHasher(inner, 1, 0).needsRehash).toBeUndefined();
    inner.release();
    expect(await busy).toBe('h:a');
  });
});
