import { pauzBuckets } from '@pauz/core';
import { fsBucket } from '@pauz/core/local';

const buckets = pauzBuckets((name) => fsBucket({ root: './.pauz/buckets', name }));
