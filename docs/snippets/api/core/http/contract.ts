import type { PauzContract } from '@pauz/core/http';

type SaveBody = PauzContract['freeJournal.save']['body'];
// { content: string; baseVersion?: number; hints?: string[] … }
