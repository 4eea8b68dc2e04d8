/**
 * A D1 binding's shape (`prepare().bind().all()`, atomic `batch()`) over an in-memory
 * better-sqlite3 database, for the TSDoc examples that run in Node (where there is no
 * `env.PAUZ`). Only what `raindropSqlDatabase()` calls. The real binding is tested
 * inside workerd (packages/core/test/workerd, test/d1); this is a docs fixture.
 */
import Database from 'better-sqlite3';
import type { D1DatabaseLike, D1PreparedStatementLike, D1ResultLike } from '../../src/raindrop/d1.js';

export interface SqliteD1 extends D1DatabaseLike {
  close(): void;
}

export function sqliteD1(): SqliteD1 {
  const db = new Database(':memory:');
  const run = (query: string, params: unknown[]): D1ResultLike => {
    const statement = db.prepare(query);
    if (statement.reader) return { results: statement.all(...params) as Record<string, unknown>[], meta: { changes: 0 } };
    const info = statement.run(...params);
    return { results: [], meta: { changes: info.changes, last_row_id: Number(info.lastInsertRowid) } };
  };
  class Statement implements D1PreparedStatementLike {
    constructor(
      readonly query: string,
      readonly params: unknown[] = [],
    ) {}
    bind(...values: unknown[]): D1PreparedStatementLike {
      return new Statement(this.query, values);
    }
    async all<Row>(): Promise<D1ResultLike<Row>> {
      return run(this.query, this.params) as D1ResultLike<Row>;
    }
  }
  return {
    prepare: (query) => new Statement(query),
    async batch<Row>(statements: D1PreparedStatementLike[]) {
      return db.transaction(() => statements.map((s) => run((s as Statement).query, (s as Statement).params)))() as D1ResultLike<Row>[];
    },
    close: () => db.close(),
  };
}
