import { type CompiledQuery, type Compilable, type Kysely, type KyselyPlugin, type QueryResult, WithSchemaPlugin } from 'kysely';

/** Stands for the argument at `index` while a {@link HotQuery} is compiled. */
class Slot {
  constructor(readonly index: number) {}
}

/** A compiled query and, per parameter, the argument it takes (`-1`: a constant kept as compiled). */
interface Template {
  query: CompiledQuery;
  sources: number[];
}

/**
 * A query built and compiled once per database instance, then run with new
 * arguments: Kysely otherwise builds the operation tree and compiles it to SQL on
 * every call, which costs several times what running it does.
 *
 * `build` is called once with a placeholder for each argument (never with the real
 * values), so it must only pass its arguments into the query (`where`, `set`,
 * `values`), never look at them. The compiled SQL is the instance's own: its
 * dialect, and a host's `withSchema()` prefix. Any other plugin may keep state per
 * query (keyed by the query id, from `transformQuery` to `transformResult`) or
 * rewrite the parameters, so on an instance with one — or when the placeholders
 * cannot be found in the compiled parameters — the query is built and compiled on
 * every call, as Kysely does. Executors are kept weakly, so a transaction's copy
 * goes with the transaction.
 */
export class HotQuery<Args extends unknown[], Row> {
  readonly #build: (db: Kysely<any>, ...args: Args) => Compilable<Row>;
  readonly #arity: number;
  readonly #templates = new WeakMap<Kysely<any>, Template | null>();

  constructor(arity: Args['length'], build: (db: Kysely<any>, ...args: Args) => Compilable<Row>) {
    this.#arity = arity;
    this.#build = build;
  }

  /** Runs the query on `db` (a Kysely instance or a transaction) with `args`. */
  execute(db: Kysely<any>, ...args: Args): Promise<QueryResult<Row>> {
    let template = this.#templates.get(db);
    if (template === undefined) {
      template = this.#compile(db);
      this.#templates.set(db, template);
    }
    if (template === null) return db.executeQuery(this.#build(db, ...args));
    const { query, sources } = template;
    const parameters = query.parameters.map((value, i) => {
      const source = sources[i] as number;
      return source === -1 ? value : args[source];
    });
    return db.executeQuery<Row>({ ...query, parameters } as CompiledQuery<Row>);
  }

  /** The first row, or `undefined` when there is none. */
  takeFirst(db: Kysely<any>, ...args: Args): Promise<Row | undefined> {
    return this.execute(db, ...args).then(firstRow);
  }

  /** How many rows an `update` or `delete` changed. */
  affected(db: Kysely<any>, ...args: Args): Promise<number> {
    return this.execute(db, ...args).then(affectedRows);
  }

  #compile(db: Kysely<any>): Template | null {
    if (!reusable(db)) return null;
    const slots = Array.from({ length: this.#arity }, (_, i) => new Slot(i));
    const query = this.#build(db, ...(slots as Args)).compile();
    const sources = query.parameters.map((value) => (value instanceof Slot && slots[value.index] === value ? value.index : -1));
    // Every placeholder exactly once, else a plugin rewrote the parameters: no template.
    const found = sources.filter((s) => s !== -1);
    if (found.length !== this.#arity || new Set(found).size !== this.#arity) return null;
    return { query, sources };
  }
}

function firstRow<Row>(result: QueryResult<Row>): Row | undefined {
  return result.rows[0];
}

function affectedRows(result: QueryResult<unknown>): number {
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Whether a query compiled on `db` may be run again: true when its plugins are known
 * to keep no state between compiling and running (none, or `withSchema()`'s). The
 * plugins are read off the executor, which Kysely marks internal; when it is not
 * there to ask, the answer is no.
 */
function reusable(db: Kysely<any>): boolean {
  const executor = (db as { getExecutor?: () => { plugins?: readonly KyselyPlugin[] } }).getExecutor?.();
  const plugins = executor?.plugins;
  return Array.isArray(plugins) && plugins.every((plugin) => plugin instanceof WithSchemaPlugin);
}
