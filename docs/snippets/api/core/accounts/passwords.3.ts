import { webCryptoPbkdf2PasswordHasher, WORKERS_PBKDF2_MAX_ITERATIONS } from '@pauz/core';

// Where CPU time is scarcer than memory-hardness: PBKDF2 within Cloudflare's cap.
const hasher = webCryptoPbkdf2PasswordHasher({ iterations: WORKERS_PBKDF2_MAX_ITERATIONS });
