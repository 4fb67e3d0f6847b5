import { type Ctx, cityWide } from '../../../kit/context';
import type { EventHandlers } from '../../../kit/events';
import { peopleService } from '../../people/service';
import { riskService } from '../../risk/service';
import { contactsService } from '../../surveillance/contacts/service';
import { coverageService } from '../../testing/coverage/service';
import { labService } from '../../testing/lab/service';
import * as reason from './reasons';
import { coloursService } from './service';
import type { FactWrite } from './store';

/** How many residents a page of an area or a round's missed list writes at a time (one statement each). */
const PAGE = 20_000;

/**
 * The facts other modules' events state, recorded in the emitter's transaction, so the colours they touch change
 * with the record that caused them or not at all. Every read of another module goes through its service,
 * city-wide (`cityWide`): a lab's account or a notice's publisher caused the change, whatever scope it has.
 */
export const colourHandlers: EventHandlers = {
  // An infection: red under every edition (positive), until the record is closed.
  'positive.registered': async (ctx, e) => {
    if (e.personId === null) return;
    await positiveFact(ctx, e.personId, e.positiveId, e.kind);
  },

  // 无症状转确诊: the asymptomatic record's fact ends, the confirmed one's begins.
  'positive.reclassified': async (ctx, e) => {
    if (e.personId === null) return;
    await coloursService.endFacts(ctx, { source: `positive:${e.fromId}`, at: ctx.now() }, 'positive.reclassified');
    await positiveFact(ctx, e.personId, e.positiveId, 'confirmed');
  },

  // A contact controlled: its quarantine phase colours the code; released: the fact ends.
  'contact.status_changed': async (ctx, e) => {
    const wide = cityWide(ctx);
    const subject = await contactsService.codeSubjectOf(wide, e.contactId);
    if (!subject?.idNumber) return;
    const person = await peopleService.residentToSample(wide, subject.idNumber);
    if (!person) return;
    const source = `contact:${e.contactId}`;
    if (e.status === 'released') {
      await coloursService.endFacts(ctx, { source, personIds: [Number(person.id)], at: ctx.now() }, 'contact.released');
      return;
    }
    if (e.status !== 'controlled' || !e.measure) return;
    const secondary = subject.kind === 'secondary';
    const phase = e.measure === 'centralized' ? 'centralized' : 'home';
    const kind = secondary ? 'secondary_contact' : phase === 'centralized' ? 'close_contact_centralized' : 'close_contact_home';
    await coloursService.recordFacts(
      ctx,
      [
        {
          personId: Number(person.id),
          terrPath: person.terrPath,
          kind,
          source,
          reason: reason.contact(secondary ? 'secondary' : 'close', phase),
          since: ctx.now(),
          until: null,
        },
      ],
      'contact.controlled',
    );
  },

  // A published level: its residents are coloured from its start while it is medium or high; lowered, it ends.
  'risk_area.changed': async (ctx, e) => {
    const source = `area:${e.areaId}`;
    const from = new Date(e.from);
    if (e.level === 'low') {
      await coloursService.endFacts(ctx, { source, at: from }, 'risk_area.lowered');
      return;
    }
    const wide = cityWide(ctx);
    const { label } = await riskService.getArea(wide, e.areaId);
    const level = e.level;
    for (let after = 0; ; ) {
      const rows = await riskService.residentsInside(wide, e.areaId, after, PAGE);
      if (!rows.length) break;
      const facts = rows.map(
        (r): FactWrite => ({
          personId: r.id,
          terrPath: r.terrPath,
          kind: level === 'high' ? 'resident_high' : 'resident_medium',
          source,
          reason: reason.resident(level, label),
          since: from,
          until: null,
        }),
      );
      await coloursService.recordFacts(ctx, facts, 'risk_area.changed');
      after = rows.at(-1)?.id ?? after;
      if (rows.length < PAGE) break;
    }
  },

  // 未按要求参加第N轮全员核酸检测: yellow from the round's close until a negative test.
  'testing.round_closed': async (ctx, e) => {
    const wide = cityWide(ctx);
    const since = ctx.now();
    for (let after = 0; ; ) {
      const missed = await coverageService.missedAfter(wide, e.roundId, after, 10_000);
      if (!missed.length) break;
      const facts = missed.map(
        (m): FactWrite => ({
          personId: m.personId,
          terrPath: m.terrPath,
          kind: 'missed_round',
          source: `round:${e.roundId}`,
          reason: reason.missedRound(e.number),
          since,
          until: null,
        }),
      );
      await coloursService.recordFacts(ctx, facts, 'testing.round_closed');
      after = missed.at(-1)?.personId ?? after;
      if (missed.length < 10_000) break;
    }
  },

  // A batch's negative tubes: their people's missed rounds end and the test is their latest negative.
  'testing.results_recorded': async (ctx, e) => {
    if (!e.negative) return;
    const wide = cityWide(ctx);
    for (let after = 0; ; ) {
      const page = await labService.negativesOfBatch(wide, e.batchId, e.roundId, after, 5_000);
      if (!page.length) break;
      await coloursService.negativeTests(ctx, page, 'testing.results_recorded');
      after = page.at(-1)?.tubeId ?? after;
    }
  },
};

async function positiveFact(ctx: Ctx, personId: number, positiveId: number, kind: 'confirmed' | 'asymptomatic') {
  const terrPath = (await peopleService.pathsOf(cityWide(ctx), [personId])).get(personId);
  if (!terrPath) return;
  await coloursService.recordFacts(
    ctx,
    [
      {
        personId,
        terrPath,
        kind: 'positive',
        source: `positive:${positiveId}`,
        reason: reason.positive(kind),
        since: ctx.now(),
        until: null,
      },
    ],
    'positive.registered',
  );
}
