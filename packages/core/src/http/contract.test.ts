import { describe, expect, it } from 'vitest';
import { allRoutes } from './routes/index.js';

describe('operation names', () => {
  it('are <group>.<action> in camelCase, one per route', () => {
    const names = allRoutes.map((route) => route.operation);
    for (const name of names) expect(name).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
    expect(new Set(names).size).toBe(allRoutes.length);
  });

  it('never name a group after a method of the client itself', () => {
    // `@pauz/client` puts groups next to withToken, call and download.
    const groups = new Set(allRoutes.map((route) => route.operation.split('.')[0]));
    for (const reserved of ['withToken', 'call', 'download']) expect(groups.has(reserved)).toBe(false);
  });
});
