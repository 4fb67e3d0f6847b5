import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../kit/context';
import { harness } from '../../test/harness';
import { territoryService } from './service';

let h: Awaited<ReturnType<typeof harness>>;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

describe('addressParts over a long walk (the export)', () => {
  it('keeps the names above households between pages and reads only the new ones, with the same answer', async () => {
    const district = (await h.pool.query("SELECT id FROM territory_nodes WHERE name = '南岗区'")).rows[0].id as number;
    const street = await h.node(district, 'street', `街道${h.tag}`);
    const community = await h.node(street.id, 'community', `社区${h.tag}`);
    const compound = await h.node(community.id, 'compound', `小区${h.tag}`);
    const building = await h.node(compound.id, 'building', '3栋');
    const unit = await h.node(building.id, 'unit', '2单元');
    const rooms = await Promise.all(['501', '502', '601'].map((n) => h.node(unit.id, 'household', n)));
    const ctx = system(h.kit);
    const kept = new Map<number, string>();
    const first = await territoryService.addressParts(ctx, [rooms[0].path, rooms[0].path, rooms[1].path], kept);
    expect(first.get(rooms[1].path)).toEqual({
      district: '南岗区',
      parts: [`社区${h.tag}`, `小区${h.tag}`, '3栋', '2单元', '502'],
    });
    // what is kept: everything above the households, never a household (millions of them, each seen once)
    expect(kept.get(unit.id)).toBe('2单元');
    expect(kept.has(rooms[0].id)).toBe(false);
    const second = await territoryService.addressParts(ctx, [rooms[2].path], kept);
    const fresh = await territoryService.addressParts(ctx, [rooms[2].path]);
    expect(second).toEqual(fresh);
    expect(second.get(rooms[2].path)?.parts.at(-1)).toBe('601');
  });
});
