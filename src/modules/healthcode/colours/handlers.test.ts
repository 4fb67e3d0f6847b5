import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../../kit/context';
import { harness } from '../../../test/harness';
import { coverageService } from '../../testing/coverage/service';
import { roundOverCompound, sampled } from '../../testing/fixtures/round';
import { labTime, resultRow, resultsCsv } from '../../testing/lab/fixtures';
import { labService } from '../../testing/lab/service';
import { roundsService } from '../../testing/rounds/service';
import { coloursService } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let r: Awaited<ReturnType<typeof roundOverCompound>>;
beforeAll(async () => {
  h = await harness('2022-11-25T08:00:00+08:00');
  r = await roundOverCompound(h, { number: 3 });
});
afterAll(() => h?.close());

const code = (id: number) => coloursService.codeOf(system(h.kit), id);

describe('the facts of other modules colour the codes in their own transaction', () => {
  it('a closed round turns its missed residents yellow; a later negative result turns them green', async () => {
    const people = r.built.dwellers;
    const tested = people.slice(0, 20);
    await sampled(h, r.roundId, [tested.slice(0, 10), tested.slice(10, 20)]);
    await coverageService.close(r.hq, r.roundId);
    const missed = people.slice(20);
    expect(await code(missed[0]?.id as number)).toMatchObject({ colour: 'yellow', reasons: ['未按要求参加第3轮全员核酸检测'] });
    expect((await code(tested[0]?.id as number)).colour).toBe('green');

    // The next day some of them are sampled in round 4 and the lab's file says negative.
    h.clock.set('2022-11-26T08:00:00+08:00');
    const next = await roundsService.createRound(r.hq, {
      number: 4,
      nodeIds: [r.built.compound.id],
      startsAt: h.clock.now().toISOString(),
      defaultMode: 'pool10',
    });
    const back = missed.slice(0, 10);
    const [tube] = await sampled(h, next.id, [back], 'pool10', new Date('2022-11-26T07:00:00+08:00'));
    h.clock.set('2022-11-26T12:00:00+08:00');
    const lab = await h.ctx('lab', '230100');
    await labService.importResults(lab, resultsCsv([resultRow(tube?.barcode as string, '阴性', labTime(h.clock.now()))]));
    const green = await code(back[0]?.id as number);
    expect(green).toMatchObject({ colour: 'green', reasons: [] });
    expect(green.lastNegativeAt?.toISOString()).toBe(new Date('2022-11-26T07:00:00+08:00').toISOString());
    expect((await code(missed[10]?.id as number)).colour).toBe('yellow');
  });

  it('a positive registered for a resident turns them red, its reason first; a replay changes nothing', async () => {
    const person = r.built.dwellers.at(-1) as { id: number; path: string };
    const emit = () =>
      system(h.kit).transaction((tx) =>
        tx.emit('positive.registered', {
          positiveId: 900_000 + person.id,
          reportDate: '2022-11-26',
          kind: 'asymptomatic',
          districtId: 1,
          personId: person.id,
        }),
      );
    await emit();
    const red = await code(person.id);
    expect(red).toMatchObject({ colour: 'red', reasons: ['新冠病毒无症状感染者', '未按要求参加第3轮全员核酸检测'] });
    await emit();
    expect((await code(person.id)).version).toBe(red.version);
  });
});
