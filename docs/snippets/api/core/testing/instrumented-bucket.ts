import { instrumentBucket, memoryBucket } from '@pauz/core/testing';

const journals = instrumentBucket(memoryBucket('guided-journals'));
journals.failNext('put');
