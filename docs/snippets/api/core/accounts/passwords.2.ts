import { isolatePasswordHasher } from '@pauz/core';

// Inside a Workers / Raindrop isolate: scrypt N=2^15, r=8, p=3 (32 MiB per hash),
// on node:crypto when the `nodejs_compat` flag is on.
const hasher = isolatePasswordHasher();
