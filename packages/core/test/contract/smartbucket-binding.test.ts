import { raindropBindingBucket } from '../../src/raindrop/bucket-binding.js';
import { testSmartBucket } from '../../src/testing/smartbucket.js';
import { createBindingEmulator } from '../emulators/raindrop-binding.js';

testSmartBucket({
  name: 'raindrop binding (emulated SmartBucket)',
  create: () => ({ bucket: raindropBindingBucket(createBindingEmulator().binding, { name: 'hints' }) }),
  capabilities: { search: true },
});

testSmartBucket({
  name: 'raindrop binding (emulated plain bucket, no search)',
  create: () => ({ bucket: raindropBindingBucket(createBindingEmulator({ search: false }).binding, { name: 'audio-files' }) }),
});
