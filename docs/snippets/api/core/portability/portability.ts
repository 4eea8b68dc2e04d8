import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';

// The whole account as a zip file, streamed to disk.
await pauz.freeJournal.create(user.id, { title: 'A quiet morning' });
const file = join(await mkdtemp(join(tmpdir(), 'pauz-export-')), 'export.zip');
const zip = await pauz.portability.export(user.id);
await zip.pipeTo(Writable.toWeb(createWriteStream(file)));

// Imported back into the same account: everything is there already.
const archive = Readable.toWeb(Readable.from([await readFile(file)])) as ReadableStream<Uint8Array>;
const report = await pauz.portability.import(user.id, archive);
console.log(report.imported.freeJournals, report.skipped.freeJournals); // 0 1
