import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { typedDb } from '../db/kysely';
import { fixedClock } from '../server/clock';
import { type Kit, system } from './context';
import { EventBus } from './events';
import { Catalogue } from './permissions';

declare module './events' {
  interface DomainEvents {
    'kit_test.noted': { note: string };
  }
}

const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
afterAll(() => pool.end());
const kitWith = (bus: EventBus): Kit => ({
  db: typedDb(pool),
  pool,
  clock: fixedClock('2021-11-04T08:00:00+08:00'),
  catalogue: new Catalogue([]),
  bus,
});
const note = () => `note-${Math.random().toString(36).slice(2)}`;
const audited = async (target: string) =>
  (await pool.query('SELECT count(*)::int AS n FROM audit_log WHERE target = $1', [target])).rows[0].n;
const events = async (n: string) =>
  (
    await pool.query(
      "SELECT seq, payload FROM domain_events WHERE type = 'kit_test.noted' AND payload->>'note' LIKE $1 ORDER BY seq",
      [`${n}%`],
    )
  ).rows;

describe('domain events', () => {
  it('a handler runs in the emitter’s transaction: its failure rolls back the emitting write and the event', async () => {
    const bus = new EventBus();
    bus.subscribe({
      'kit_test.noted': async () => {
        throw new Error('handler refused');
      },
    });
    const n = note();
    await expect(
      system(kitWith(bus)).transaction(async (tx) => {
        await tx.audit({ action: 'kit_test.write', target: n });
        await tx.emit('kit_test.noted', { note: n });
      }),
    ).rejects.toThrow('handler refused');
    expect(await audited(n)).toBe(0);
    expect(await events(n)).toEqual([]);
  });

  it('domain_events holds each event once, in order, and handlers see the emitter’s writes', async () => {
    const bus = new EventBus();
    const seen: number[] = [];
    bus.subscribe({
      'kit_test.noted': async (ctx, e) => {
        seen.push(
          Number(
            (
              await ctx.db
                .selectFrom('audit_log')
                .select(ctx.db.fn.countAll().as('n'))
                .where('target', '=', e.note)
                .executeTakeFirstOrThrow()
            ).n,
          ),
        );
      },
    });
    const n = note();
    await system(kitWith(bus)).transaction(async (tx) => {
      for (const i of [1, 2, 3]) {
        await tx.audit({ action: 'kit_test.write', target: `${n}-${i}` });
        await tx.emit('kit_test.noted', { note: `${n}-${i}` });
      }
    });
    const rows = await events(n);
    expect(rows.map((r) => r.payload.note)).toEqual([`${n}-1`, `${n}-2`, `${n}-3`]);
    expect(rows.map((r) => Number(r.seq))).toEqual([...rows.map((r) => Number(r.seq))].sort((a, b) => a - b));
    expect(seen).toEqual([1, 1, 1]);
  });

  it('numbers events in commit order: a writer that emits while another is open waits for it to commit', async () => {
    const bus = new EventBus();
    const n = note();
    const committed: string[] = [];
    const ctx = system(kitWith(bus));
    const slow = ctx.transaction(async (tx) => {
      await tx.emit('kit_test.noted', { note: `${n}-slow` });
      await new Promise((r) => setTimeout(r, 300));
    });
    const slowDone = slow.then(() => committed.push(`${n}-slow`));
    await new Promise((r) => setTimeout(r, 50));
    const fast = ctx.transaction(async (tx) => tx.emit('kit_test.noted', { note: `${n}-fast` }));
    await Promise.all([slowDone, fast.then(() => committed.push(`${n}-fast`))]);
    expect(committed).toEqual([`${n}-slow`, `${n}-fast`]);
    expect((await events(n)).map((r) => r.payload.note)).toEqual(committed);
  });

  it('refuses an event emitted outside a transaction, and the log refuses edits', async () => {
    await expect(system(kitWith(new EventBus())).emit('kit_test.noted', { note: note() })).rejects.toThrow(
      /outside a transaction/,
    );
    await expect(pool.query('DELETE FROM domain_events')).rejects.toThrow(/append-only/);
  });
});
