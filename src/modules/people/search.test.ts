import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../test/harness';
import { freshId, row } from '../../test/ledger-file';

// Residents found by part of a name, phone, address, compound and exact ID (issues 12 and 13): each kind, within
// the caller's scope, with full-width input folded first, and phone search refused to masked callers.
let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let workerA: string;
let street: string;
const ids = [freshId(), freshId(), freshId()];
const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

const find = async (cookie: string, query: string) => {
  const res = await h.app.inject({ url: `/api/people?${query}`, headers: { cookie } });
  return { status: res.statusCode, body: res.json() };
};
const names = async (cookie: string, query: string) => {
  const r = await find(cookie, query);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.items as { name: string }[]).map((p) => p.name).sort();
};
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

beforeAll(async () => {
  h = await harness();
  w = await h.world();
  workerA = (await h.login('community', w.a.code)).cookie;
  const workerB = (await h.login('community', w.b.code)).cookie;
  street = (await h.login('street', w.street.code)).cookie;
  const at = (compound: string, building: string, room: string) => {
    const r = (name: string, id: string, extra: Parameters<typeof row>[2] = {}) => {
      const cells = row(name, id, { room, address: `哈尔滨市平房区${compound}${building}1单元${room}室`, ...extra });
      cells[4] = compound;
      cells[5] = building;
      return cells;
    };
    return r;
  };
  const tag = h.tag;
  let res = await h.importResidents(workerA, [
    at(`星河湾${tag}`, '3栋', '101')('欧阳明华', ids[0]!, { phone }),
    at(`月光苑${tag}`, '5栋', '202')('王明', ids[1]!),
  ]);
  expect(res.statusCode, res.body).toBe(200);
  res = await h.importResidents(workerB, [at(`星河湾${tag}`, '3栋', '101')('欧阳明远', ids[2]!)]);
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => h.close());

describe('searching residents', () => {
  it('finds part of a name anywhere in it, one or two characters, within the scope only', async () => {
    expect(await names(workerA, `q=${encodeURIComponent('明华')}`)).toEqual(['欧阳明华']);
    expect(await names(workerA, `q=${encodeURIComponent('明')}`)).toEqual(['欧阳明华', '王明']);
    expect(await names(street, `q=${encodeURIComponent('欧阳明')}&nodeId=${w.street.id}`)).toEqual(['欧阳明华', '欧阳明远']);
    expect(await names(workerA, `q=${encodeURIComponent('明阳')}`)).toEqual([]);
  });

  it('finds by part of the address and by part of the compound name, within the scope only', async () => {
    expect(await names(workerA, `by=address&q=${encodeURIComponent('3栋1单元101')}`)).toEqual(['欧阳明华']);
    expect(await names(street, `by=address&q=${encodeURIComponent('3栋1单元101')}`)).toEqual(['欧阳明华', '欧阳明远']);
    // Its parts asked of the index (3栋1, 元202) are each in one of the two addresses; the whole is in neither.
    expect(await names(workerA, `by=address&q=${encodeURIComponent('3栋1单元202')}`)).toEqual([]);
    expect(await names(workerA, `by=address&q=${encodeURIComponent('1单元202室')}`)).toEqual(['王明']);
    expect(await names(workerA, `by=compound&q=${encodeURIComponent(`星河湾${h.tag}`)}`)).toEqual(['欧阳明华']);
    expect(await names(street, `by=compound&q=${encodeURIComponent(`星河湾${h.tag}`)}`)).toEqual(['欧阳明华', '欧阳明远']);
    expect(await names(street, `by=compound&q=${encodeURIComponent(`星河湾${h.tag}`)}&nodeId=${w.b.id}`)).toEqual(['欧阳明远']);
    expect(await names(workerA, `by=compound&q=${encodeURIComponent('没有这个小区')}`)).toEqual([]);
  });

  it('finds by whole ID number and phone typed in full-width digits; a masked caller may not search by phone', async () => {
    expect(await names(workerA, `q=${encodeURIComponent(fullWidth(ids[0]!))}`)).toEqual(['欧阳明华']);
    expect(await names(workerA, `q=${encodeURIComponent(fullWidth(phone))}`)).toEqual(['欧阳明华']);
    expect(await names(workerA, `q=${ids[2]}`)).toEqual([]);
    expect((await find(street, `q=${phone}`)).status).toBe(403);
    expect((await find(street, `q=${ids[0]!.slice(0, 10)}`)).status).toBe(400);
    expect((await find(street, `q=${fullWidth(ids[0]!.slice(0, 10))}`)).status).toBe(400);
  });

  it('pages search results by cursor, each match once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const r = await find(
        street,
        `by=compound&q=${encodeURIComponent(`星河湾${h.tag}`)}&pageSize=1${after ? `&after=${after}` : ''}`,
      );
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((p: { name: string }) => p.name));
      after = r.body.next;
    } while (after);
    expect(seen.sort()).toEqual(['欧阳明华', '欧阳明远']);
    const first = await find(street, `q=${encodeURIComponent('欧阳明')}&pageSize=1`);
    expect(first.body.total).toEqual({ value: 2, exact: true });
  });
});
