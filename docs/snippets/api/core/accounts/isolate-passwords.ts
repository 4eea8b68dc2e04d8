import { isolatePasswordHasher, webCryptoPbkdf2PasswordHasher, WORKERS_PBKDF2_MAX_ITERATIONS } from '@pauz/core';

// Inside a Workers / Raindrop isolate: scrypt N=2^15, r=8, p=3 (32 MiB per hash).
const hasher = isolatePasswordHasher();
// Where CPU time is scarcer than memory-hardness: PBKDF2 within Cloudflare's cap.
const cheaper = webCryptoPbkdf2PasswordHasher({ iterations: WORKERS_PBKDF2_MAX_ITERATIONS });
