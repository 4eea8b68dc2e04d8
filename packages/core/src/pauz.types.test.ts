import Database from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect } from 'kysely';
import { describe, expectTypeOf, it } from 'vitest';
import type { PauzDatabase, PauzTables } from './db/schema.js';
import { createPauz, type PauzOptions } from './pauz.js';
import { memoryPdfStore } from './pdf-store/memory.js';
import { createSqliteDatabase } from './sqlite.js';
import { memoryBuckets } from './storage/memory.js';
import type { OpenedDatabase, TestDatabaseOptions } from './testing/database/index.js';

/** A host app's own tables. */
interface HostTables {
  host_notes: { id: Generated<number>; user_id: string; body: string };
}

const open = <DB>(): Kysely<DB> => new Kysely<DB>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
const stores = () => ({ buckets: memoryBuckets(), pdfs: memoryPdfStore({ secret: 'a-type-test-secret-of-32-characters!', publicBaseUrl: 'http://127.0.0.1' }) });

describe('the database port', () => {
  it("accepts the host's own Kysely of a database that includes Pauz's tables", async () => {
    const hostDb = open<HostTables & PauzTables>();
    const pauz = createPauz({ db: hostDb, ...stores() });
    // Pauz's view of the same instance: its own tables only.
    expectTypeOf(pauz.db).toEqualTypeOf<PauzDatabase>();
    // The host keeps its own, wider reference.
    expectTypeOf(hostDb.selectFrom('host_notes').innerJoin('pauz_users', 'pauz_users.id', 'host_notes.user_id').select(['body', 'name']).execute)
      .returns.resolves.toEqualTypeOf<{ body: string; name: string }[]>();
    // A factory typed with the host's tables serves both too.
    createPauz({ db: createSqliteDatabase<HostTables & PauzTables>(), ...stores() });
    await hostDb.destroy();
  });

  it('accepts Kysely<PauzTables> and Kysely<any>', async () => {
    const pauzDb = open<PauzTables>();
    const anyDb = open<any>();
    createPauz({ db: pauzDb, ...stores() });
    createPauz({ db: anyDb, ...stores() });
    await Promise.all([pauzDb.destroy(), anyDb.destroy()]);
  });

  it("rejects a Kysely whose database lacks Pauz's tables (but Kysely<any> opts out of the check)", async () => {
    const unrelated = open<HostTables>();
    // @ts-expect-error: the database type has no pauz_* tables
    createPauz({ db: unrelated, ...stores() });
    const partial = open<Pick<PauzTables, 'pauz_users'>>();
    // @ts-expect-error: some of Pauz's tables are missing
    createPauz({ db: partial, ...stores() });
    // An options object typed without its generic is Pauz's own database type.
    const hostDb = open<HostTables & PauzTables>();
    // @ts-expect-error: PauzOptions (= PauzOptions<PauzTables>) wants Kysely<PauzTables>; write PauzOptions<HostTables & PauzTables>
    const wrong: PauzOptions = { db: hostDb, ...stores() };
    const right: PauzOptions<HostTables & PauzTables> = { db: hostDb, ...stores() };
    createPauz(right);
    void wrong;
    await Promise.all([unrelated.destroy(), partial.destroy(), hostDb.destroy()]);
  });

  it("lets the testing helpers open the host's database", async () => {
    const hostDb = open<HostTables & PauzTables>();
    const opened: OpenedDatabase<HostTables & PauzTables> = { db: hostDb, close: () => hostDb.destroy() };
    const options: TestDatabaseOptions<HostTables & PauzTables> = { name: 'host', open: () => opened };
    expectTypeOf(options.open).returns.toEqualTypeOf<Promise<OpenedDatabase<HostTables & PauzTables>> | OpenedDatabase<HostTables & PauzTables>>();
    await opened.close();
  });
});
