import { randomUUID } from 'node:crypto';
import { rawQuery } from '../db/kysely';
import type { Ctx } from '../kit/context';
import { healthcodeService } from '../modules/healthcode/service';
import { coverageService } from '../modules/testing/coverage/service';
import { labService } from '../modules/testing/lab/service';
import { pointsService } from '../modules/testing/pooling/points-service';
import { roundsService } from '../modules/testing/rounds/service';
import type { Scan } from '../modules/testing/sampling/contract';
import { samplingService } from '../modules/testing/sampling/service';

/** The demo's two rounds of seed 000 (第四轮平均用时比第三轮减少了3个多小时): when each began and how long sampling took. */
const ROUNDS = [
  { number: 3, startsAt: '2022-11-25T07:00:00+08:00', hours: 9.5, missing: 1 },
  { number: 4, startsAt: '2022-11-26T07:00:00+08:00', hours: 6, missing: 2 },
] as const;
const LAB = '哈尔滨市第一医院检验科';

/**
 * Mass testing in the demo community (the `community` and `sampler` accounts' 光华社区): a sampling point, rounds 3
 * and 4 sampled through the sampler's own scans (10混1), handed to a lab, and resulted through the lab's device
 * API: round 3 all negative, round 4 with one positive pool (its ten people flagged, ten retests open), a few
 * residents left unsampled for the door knockers' missing list; round 3 closed. Every write goes through the module's services.
 */
export async function loadDemoTesting(actors: { district: Ctx; sampler: Ctx; lab: Ctx }) {
  const { district, sampler, lab } = actors;
  const community = sampler.actor?.scopeNodeId as number;
  const point = await pointsService.createPoint(district, {
    name: '光华社区活动中心采样点',
    nodeId: community,
    address: '光华社区活动中心门前',
    opensAt: '06:00',
    closesAt: '22:00',
    posts: 2,
    communityIds: [community],
    active: true,
  });
  for (const [i, r] of ROUNDS.entries()) {
    const { id: roundId } = await roundsService.createRound(district, {
      number: r.number,
      nodeIds: [community],
      startsAt: r.startsAt,
      defaultMode: 'pool10',
    });
    // The residents' ID numbers as the sampler's scanner reads them off their cards (the demo's own seed data).
    const people = (
      await rawQuery<{ id_number: string }>(
        sampler.db,
        `SELECT p.id_number FROM people p JOIN territory_nodes n ON n.id = $1 WHERE p.terr_path LIKE n.path || '%' ORDER BY p.terr_path, p.id`,
        [community],
      )
    ).rows.map((x) => x.id_number);
    const sampled = people.slice(0, people.length - r.missing);
    const start = new Date(r.startsAt).getTime();
    const at = (k: number) => new Date(start + (k / sampled.length) * r.hours * 3600_000).toISOString();
    const scans: Scan[] = [];
    const barcodes: string[] = [];
    for (let k = 0; k < sampled.length; k += 10) {
      const barcode = `HRB${r.number}${String(k / 10 + 1).padStart(5, '0')}`;
      barcodes.push(barcode);
      scans.push({ scanId: randomUUID(), kind: 'open_tube', roundId, pointId: point.id, barcode, at: at(k) });
      for (const [j, idNumber] of sampled.slice(k, k + 10).entries())
        scans.push({ scanId: randomUUID(), kind: 'person', roundId, pointId: point.id, barcode, idNumber, at: at(k + j) });
      if (sampled.length - k < 10)
        scans.push({ scanId: randomUUID(), kind: 'close_tube', roundId, pointId: point.id, barcode, at: at(k + 9) });
    }
    for (let k = 0; k < scans.length; k += 200) {
      const { outcomes } = await samplingService.scans(sampler, scans.slice(k, k + 200), healthcodeService.personOfToken);
      const refused = outcomes.find((o) => !o.ok);
      if (refused) throw new Error(`a demo scan was refused (${refused.code})`);
    }
    const handover = await labService.handOver(sampler, { roundId, pointId: point.id, lab: LAB });
    await labService.receive(lab, handover.id, { counted: barcodes.length });
    const resultAt = new Date(start + (r.hours + 4) * 3600_000).toISOString();
    await labService.deviceResults(lab, {
      rows: barcodes.map((barcode, b) => {
        const positive = i === 1 && b === 7;
        return {
          barcode,
          result: positive ? 'positive' : 'negative',
          orf1abCt: positive ? 28.4 : null,
          nCt: positive ? 27.1 : null,
          lab: LAB,
          at: resultAt,
        };
      }),
    });
    // Round 3 is over: who missed it is recorded (the health code's 未按要求参加第三轮); round 4 is still open.
    if (i === 0) await coverageService.close(district, roundId);
  }
}
