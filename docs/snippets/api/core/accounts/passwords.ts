import { scryptPasswordHasher } from '@pauz/core';

const hasher = scryptPasswordHasher(); // OWASP parameters
const fastForTests = scryptPasswordHasher({ params: { logN: 10, r: 8, p: 1 } });
