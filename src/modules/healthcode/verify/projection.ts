import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Colour } from '../tokens';

const COLOURS: readonly Colour[] = ['green', 'yellow', 'red'];
const CODE: Record<string, number> = { green: 0, yellow: 1, red: 2 };
/** Minutes are stored from this epoch (2000-01-01 UTC) in 32 bits: 8,000 years; 0 means "no negative known". */
const EPOCH_MS = Date.UTC(2000, 0, 1);

/** A person's colour as the projection holds it. */
export interface Held {
  colour: Colour;
  /** The seq of the change that set it; 0 when nothing ever coloured the person (green by default). */
  version: number;
  lastNegativeAt: Date | null;
}

/**
 * Person → (colour, version, last negative test) for every person, in typed arrays indexed by person id: 13 bytes
 * a person, some 130 MB for ten million, no object per person and nothing for the collector to walk. A person
 * never coloured reads as green, version 0. `seq` is the last change of the feed applied.
 */
export class Projection {
  private colours = new Uint8Array(0);
  private versions = new Float64Array(0);
  private negatives = new Uint32Array(0);
  seq = 0;
  ready = false;

  get size() {
    return this.colours.length;
  }

  private grow(id: number) {
    if (id < this.colours.length) return;
    const n = Math.max(id + 1, Math.ceil(this.colours.length * 1.5), 1024);
    const c = new Uint8Array(n);
    c.set(this.colours);
    const v = new Float64Array(n);
    v.set(this.versions);
    const g = new Uint32Array(n);
    g.set(this.negatives);
    this.colours = c;
    this.versions = v;
    this.negatives = g;
  }

  /** Sets a person's entry unless it already holds a newer version (changes may arrive twice: load, then feed). */
  set(id: number, colour: Colour, version: number, lastNegativeMs: number | null) {
    if (!Number.isSafeInteger(id) || id < 0) return;
    this.grow(id);
    if ((this.versions[id] as number) > version) return;
    this.colours[id] = CODE[colour] ?? 0;
    this.versions[id] = version;
    this.negatives[id] = lastNegativeMs === null ? 0 : Math.max(1, Math.floor((lastNegativeMs - EPOCH_MS) / 60_000));
  }

  get(id: number): Held {
    if (!(id < this.colours.length)) return { colour: 'green', version: 0, lastNegativeAt: null };
    const m = this.negatives[id] as number;
    return {
      colour: COLOURS[this.colours[id] as number] as Colour,
      version: this.versions[id] as number,
      lastNegativeAt: m === 0 ? null : new Date(EPOCH_MS + m * 60_000),
    };
  }
}

/** A line of the COPY text: person_id, colour, version, last negative (epoch ms or \N). */
function applyLine(p: Projection, line: string) {
  const a = line.indexOf('\t');
  const b = line.indexOf('\t', a + 1);
  const c = line.indexOf('\t', b + 1);
  if (a < 0 || b < 0 || c < 0) return;
  const neg = line.slice(c + 1);
  p.set(
    Number(line.slice(0, a)),
    line.slice(a + 1, b) as Colour,
    Number(line.slice(b + 1, c)),
    neg === '\\N' ? null : Number(neg),
  );
}

/**
 * Loads every stored colour in one snapshot (REPEATABLE READ: the feed's last seq and the codes agree), streamed
 * as COPY text so ten million rows never sit in memory as rows. Returns the seq to follow the feed from.
 */
export async function loadProjection(pool: pg.Pool, p: Projection): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const top = await client.query<{ seq: string }>('SELECT coalesce(max(seq), 0) AS seq FROM health_code_changes');
    const stream = client.query(
      copyTo(`COPY (SELECT person_id, colour, version,
                           (extract(epoch FROM last_negative_at) * 1000)::bigint
                      FROM health_codes) TO STDOUT`),
    );
    let rest = '';
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = rest + chunk.toString('utf8');
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        applyLine(p, text.slice(from, nl));
        from = nl + 1;
      }
      rest = text.slice(from);
    }
    if (rest) applyLine(p, rest);
    await client.query('COMMIT');
    p.seq = Math.max(p.seq, Number(top.rows[0]?.seq ?? 0));
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** The most changes one poll applies; a bigger backlog is read over the next polls, back to back. */
const FOLLOW_BATCH = 50_000;

/**
 * Applies the changes after `p.seq`, in seq order (the writers append under the commit-order lock, so a change
 * with a smaller seq never commits after one with a bigger). Returns how many it applied.
 */
export async function followFeed(pool: pg.Pool, p: Projection): Promise<number> {
  const r = await pool.query<{ seq: string; person_id: string; colour: Colour; neg: string | null }>(
    `SELECT seq, person_id, colour, (extract(epoch FROM last_negative_at) * 1000)::bigint AS neg
       FROM health_code_changes WHERE seq > $1 ORDER BY seq LIMIT ${FOLLOW_BATCH}`,
    [p.seq],
  );
  for (const row of r.rows) {
    const seq = Number(row.seq);
    p.set(Number(row.person_id), row.colour, seq, row.neg === null ? null : Number(row.neg));
    p.seq = seq;
  }
  return r.rows.length;
}
