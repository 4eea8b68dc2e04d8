import { raindropRestBucket } from '../../src/raindrop/bucket-rest.js';
import { testSmartBucket } from '../../src/testing/smartbucket.js';
import { startRaindropRestEmulator } from '../emulators/raindrop-rest.js';

testSmartBucket({
  name: 'raindrop REST (emulated)',
  create: async () => {
    const emulator = await startRaindropRestEmulator();
    const { apiKey, applicationName, baseUrl } = emulator;
    return { bucket: raindropRestBucket({ apiKey, applicationName, baseUrl, bucket: 'hints', timeoutMs: 5_000 }), close: emulator.close };
  },
  capabilities: { customMetadata: false, search: true },
});
