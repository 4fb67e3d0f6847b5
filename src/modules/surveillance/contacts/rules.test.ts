import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalPhone } from '../../../kit/input-rules';
import { CONTACT_STATUSES, CONTROL_MEASURES } from './contract';
import { statusesFrom, statusRefusal } from './rules';

const STAGE = Object.fromEntries(CONTACT_STATUSES.map((s, i) => [s, i])) as Record<string, number>;
const status = fc.constantFrom(...CONTACT_STATUSES);
const change = fc.record(
  {
    status,
    measure: fc.option(fc.constantFrom(...CONTROL_MEASURES), { nil: undefined }),
    reason: fc.option(fc.string({ maxLength: 6 }), { nil: undefined }),
  },
  { requiredKeys: ['status'] },
);
const measureNow = fc.option(fc.constantFrom(...CONTROL_MEASURES), { nil: null });

describe('the contact status workflow (待排查 → 已排查 → 已管控 → 已解除)', () => {
  it('never goes back without a reason', () => {
    fc.assert(
      fc.property(status, change, measureNow, (from, to, m) => {
        if (STAGE[to.status]! < STAGE[from]! && !to.reason?.trim()) expect(statusRefusal(from, to, m)?.field).toBeDefined();
      }),
    );
  });

  it('goes forward one stage at a time, and controls only with a measure', () => {
    fc.assert(
      fc.property(status, change, measureNow, (from, to, m) => {
        if (statusRefusal(from, to, m)) return;
        if (STAGE[to.status]! > STAGE[from]!) expect(STAGE[to.status]).toBe(STAGE[from]! + 1);
        expect(to.status === 'controlled').toBe(!!to.measure);
      }),
    );
  });

  it('offers in the menu exactly the statuses it allows (with a reason and a measure where needed)', () => {
    fc.assert(
      fc.property(status, status, measureNow, (from, to, m) => {
        const offered = statusesFrom(from).some((s) => s.status === to);
        const measure = to === 'controlled' ? CONTROL_MEASURES.find((x) => x !== m) : undefined;
        expect(!statusRefusal(from, { status: to, measure, reason: '核实有误' }, m)).toBe(offered);
      }),
    );
  });

  it('names what is wrong', () => {
    expect(statusRefusal('pending', { status: 'located' })).toBeNull();
    expect(statusRefusal('pending', { status: 'controlled', measure: 'home' })?.zh).toBe('须先改为“已排查”');
    expect(statusRefusal('located', { status: 'controlled' })?.field).toBe('measure');
    expect(statusRefusal('controlled', { status: 'located' })?.zh).toBe('退回原因不能为空');
    expect(statusRefusal('controlled', { status: 'controlled', measure: 'home_monitoring' }, 'centralized')).toBeNull();
    expect(statusRefusal('controlled', { status: 'controlled', measure: 'home' }, 'home')?.zh).toBe('状态未改变');
  });
});

describe('phones', () => {
  it('keeps mobiles and landlines with an area code as digits, refuses the rest', () => {
    expect(normalPhone('139 1234 5678')).toBe('13912345678');
    expect(normalPhone('+86 139-1234-5678')).toBe('13912345678');
    expect(normalPhone('１３９１２３４５６７８')).toBe('13912345678');
    expect(normalPhone('0451-86661234')).toBe('045186661234');
    expect(normalPhone('010-6512345')).toBe('0106512345');
    for (const bad of ['138', '1391234', '86661234', '12912345678', '139123456789', '0045186661234'])
      expect(normalPhone(bad)).toBeNull();
  });
});
