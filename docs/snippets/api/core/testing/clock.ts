import { createPauz } from '@pauz/core';
import { manualClock } from '@pauz/core/testing';

const clock = manualClock('2026-03-08T06:30:00Z');
const pauz = createPauz({ db, buckets, pdfs, clock });
clock.advance(24 * 60 * 60 * 1000);
