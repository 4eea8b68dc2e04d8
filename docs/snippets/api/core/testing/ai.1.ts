// check-only: registers a vitest suite; call it at the top level of a test file
// #region example
// local-writer.contract.test.ts
import { localWriter } from '@pauz/core';
import { testWriter } from '@pauz/core/testing';

testWriter({ name: 'local', writer: () => localWriter() });
// #endregion example
