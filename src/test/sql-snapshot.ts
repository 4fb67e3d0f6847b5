import {
  type DatabaseConnection,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import type { Db } from '../db/kysely';
import type { DB } from '../db/schema';
import type { Ctx } from '../kit/context';

/** Breaks Kysely's one-line SQL before its main clauses, so a snapshot's diff shows which clause changed. */
const CLAUSES = /\s(from|inner join|left join|where|and|or|group by|order by|limit|offset|returning|on conflict|set|values)\s/g;
const layout = (sql: string) => sql.replace(CLAUSES, '\n  $1 ');

/** Answers every statement with the same rows, so a call that reads before it writes goes on to its write. */
class AnsweringDriver extends DummyDriver {
  constructor(private readonly rows: readonly Record<string, unknown>[]) {
    super();
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    const rows = [...this.rows];
    return { executeQuery: async () => ({ rows }) as never, streamQuery: async function* () {} };
  }
}

/**
 * The SQL each store query sends, as Immich keeps it: the store is built on a context whose database compiles
 * and records statements without a server (a dummy driver answers every one with `answer`'s rows, none by
 * default: give a row when a call writes only after finding one), each call runs once, and the statements are
 * laid out under the call's name. A test compares the text with the module's committed `queries.sql` (`toMatchFileSnapshot`), so a changed query shows up in review and fails until the
 * snapshot is regenerated (`npx vitest run <test file> -u`).
 */
export async function storeSql<S>(
  name: string,
  build: (ctx: Pick<Ctx, 'db' | 'scopePath'>) => S,
  calls: Record<string, (store: S) => Promise<unknown>>,
  scopePath = '/1/5/',
  answer: readonly Record<string, unknown>[] = [],
): Promise<string> {
  const seen: string[] = [];
  const db: Db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new AnsweringDriver(answer),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (e) => {
      if (e.level === 'query') seen.push(e.query.sql);
    },
  });
  const out: string[] = [`-- ${name}: the SQL of each query, from a context scoped to ${scopePath}. Generated; do not edit.`];
  for (const [call, run] of Object.entries(calls)) {
    seen.length = 0;
    // No rows come back, so a query expecting one throws after sending its SQL; the SQL is what is recorded.
    await run(build({ db, scopePath })).catch(() => undefined);
    out.push(`\n-- ${name}.${call}`, ...seen.map((s) => `${layout(s)};`));
  }
  return `${out.join('\n')}\n`;
}
