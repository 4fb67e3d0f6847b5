import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../../test/harness';
import { roundOverCompound } from '../fixtures/round';
import { roundsService as rounds } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let r: Awaited<ReturnType<typeof roundOverCompound>>;

beforeAll(async () => {
  h = await harness('2022-11-02T07:00:00+08:00');
  r = await roundOverCompound(h);
});
afterAll(() => h.close());

describe('a round', () => {
  it('fixes its target from the residents living in its subtrees, and is named as the papers name rounds', async () => {
    expect(r.target).toBe(r.built.dwellers.length);
    const round = await rounds.getRound(r.hq, r.roundId);
    expect(round).toMatchObject({ number: 1, name: '第一轮全员核酸检测', defaultMode: 'pool10', target: r.target, exempt: 0 });
    expect(round.nodes).toEqual([expect.objectContaining({ id: r.built.compound.id, name: r.built.compound.name })]);
    expect(new Date(round.endsAt).getTime() - new Date(round.startsAt).getTime()).toBe(24 * 3600_000);
  });

  it('is seen by the community inside it, its target counted within the community', async () => {
    const community = await h.ctx('community', r.w.a.code);
    expect((await rounds.getRound(community, r.roundId)).target).toBe(r.target);
    const other = await h.ctx('community', r.w.b.code);
    expect((await rounds.getRound(other, r.roundId).catch((e) => e)).status).toBe(404);
  });

  it('refuses the same number twice at the same node, and a node outside the scope naming the field', async () => {
    const again = await rounds
      .createRound(r.hq, {
        number: 1,
        nodeIds: [r.built.compound.id],
        startsAt: h.clock.now().toISOString(),
        defaultMode: 'pool10',
      })
      .catch((e) => e);
    expect(again.status).toBe(409);
    const community = await h.ctx('community', r.w.b.code);
    const outside = await rounds
      .createRound(community, {
        number: 2,
        nodeIds: [r.built.compound.id],
        startsAt: h.clock.now().toISOString(),
        defaultMode: 'pool10',
      })
      .catch((e) => e);
    expect(outside.status).toBe(400);
    expect(outside.fieldIssues).toEqual([expect.objectContaining({ field: 'nodeIds.0' })]);
  });

  it('exempts residents with a reason once, and lists them by household', async () => {
    const [a, b] = r.built.dwellers;
    const body = { personIds: [a?.id as number, b?.id as number], reason: 'hospital' as const };
    expect(await rounds.exempt(r.hq, r.roundId, body)).toEqual({ added: 2 });
    expect(await rounds.exempt(r.hq, r.roundId, body)).toEqual({ added: 0 });
    expect((await rounds.getRound(r.hq, r.roundId)).exempt).toBe(2);
    const page = await rounds.exemptions(r.hq, r.roundId, { pageSize: 1 });
    expect(page.items).toHaveLength(1);
    const rest = await rounds.exemptions(r.hq, r.roundId, { pageSize: 1, after: page.next ?? undefined });
    expect([...page.items, ...rest.items].map((x) => x.personId).sort()).toEqual(body.personIds.sort());
    const stranger = await rounds
      .exempt(r.hq, r.roundId, { personIds: [Number.MAX_SAFE_INTEGER], reason: 'away' })
      .catch((e) => e);
    expect(stranger.status).toBe(400);
    expect(stranger.fieldIssues).toEqual([expect.objectContaining({ field: 'personIds.0' })]);
  });
});
