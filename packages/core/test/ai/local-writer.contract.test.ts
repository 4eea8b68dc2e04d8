import { localWriter } from '../../src/ai/local-writer.js';
import { testWriter } from '../../src/testing/ai.js';

testWriter({ name: 'local', writer: () => localWriter() });
