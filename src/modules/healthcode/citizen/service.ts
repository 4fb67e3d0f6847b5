import { randomInt, timingSafeEqual } from 'node:crypto';
import { type Ctx, type Kit, system } from '../../../kit/context';
import { invalidFields, tooMany } from '../../../server/errors';
import { elsewhereService } from '../../elsewhere/service';
import { peopleService } from '../../people/service';
import { policyService } from '../../policy/service';
import { labService } from '../../testing/lab/service';
import { coloursService } from '../colours/service';
import { healthKeys } from '../keys';
import { type CitizenSession, issueToken, sealSession, TOKEN_SECONDS } from '../tokens';
import type { CodeAnswer, TravelBody } from './contract';
import {
  arrivalFact,
  CODE_MINUTES,
  CODE_TRIES,
  codeHash,
  idHash,
  leavingCheck,
  MEANING_ZH,
  meaningOf,
  RESEND_SECONDS,
  requestRefusal,
  stayOf,
  tripProblems,
  tryRefusal,
} from './rules';
import type { SmsGateway } from './sms';
import { citizenStore, type TravelRow } from './store';

/** The page renews its QR token this long before it expires. */
export const RENEW_BEFORE_SECONDS = 60;

const wrongCode = () =>
  invalidFields([{ field: 'code', zh: '验证码错误或已过期，请重新获取', en: 'wrong or expired code; ask for a new one' }]);

/**
 * The edition the citizen's page follows now: the one in force, else the earliest (as the colours do), so the
 * page answers even before the first edition's effective time.
 */
async function editionNow(ctx: Ctx) {
  const { items, inForceId } = await policyService.list(ctx);
  const e = items.find((x) => x.id === inForceId) ?? items[0];
  if (!e) throw new Error('no policy edition is loaded');
  return e;
}

const travelView = (r: TravelRow) => ({
  id: Number(r.id),
  province: r.province,
  city: r.city,
  district: r.district,
  place: r.place,
  leftOn: r.left_on,
  arrivedOn: r.arrived_on,
  transport: r.transport,
  mustReport: r.must_report,
  level: r.level,
  sentence: r.sentence,
  reportedAt: new Date(r.reported_at).toISOString(),
});

/**
 * The citizens' page (no account: the health code's own session). Every use case acts for ONE person, through the
 * system's context (`system(kit)`: the person may live anywhere in the city), reading only that person's records
 * through the other modules' services; writes are audited as the system with the person named.
 */
export const citizenService = {
  /**
   * A one-time code for whoever has this ID number, sent through the gateway: counted by the number's keyed hash
   * whether or not a resident has it (one a minute, five an hour: 429 otherwise), so the answer, the limits and
   * the time taken say nothing about whether the number is known.
   */
  async requestCode(kit: Kit, idNumber: string, gateway: SmsGateway) {
    const keys = await healthKeys(kit);
    const hash = idHash(keys.otp, idNumber);
    const ctx = system(kit);
    const toSend = await ctx.transaction(async (tx) => {
      const store = citizenStore(tx);
      await store.lockHash(hash);
      const now = tx.now();
      const refusal = requestRefusal(await store.requestTimes(hash, now), now);
      if (refusal)
        throw tooMany(
          refusal.reason === 'resend' ? `请${refusal.retryAfter}秒后再获取验证码` : '获取验证码过于频繁，请稍后再试',
          refusal.reason === 'resend'
            ? `wait ${refusal.retryAfter} s before asking again`
            : 'too many codes asked for this number; try later',
          refusal.retryAfter,
          'citizen.code_throttled',
        );
      await store.insertRequest(hash, now);
      const person = await peopleService.citizenByIdNumber(tx, idNumber);
      if (!person) return null;
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await store.insertCode(
        person.id,
        codeHash(keys.otp, person.id, code),
        now,
        new Date(now.getTime() + CODE_MINUTES * 60_000),
      );
      return { personId: person.id, phone: person.phone, idNumber: idNumber.toUpperCase(), code, minutes: CODE_MINUTES };
    });
    // After the commit: a slow or failing gateway neither holds the lock nor changes the answer.
    if (toSend) await gateway.send(toSend);
    return { sent: true as const, expiresIn: CODE_MINUTES * 60, resendIn: RESEND_SECONDS };
  },

  /**
   * Signs in with the ID number and the code: every try is counted (committed before the code is compared) on the
   * number's latest request, five at most, so parallel guesses cannot overrun it; a wrong code, an expired one and
   * a number nobody has answer the same 400 naming 验证码, a sixth try the same 429 for everyone. Returns the
   * session cookie's value and whom it signs in.
   */
  async verify(kit: Kit, idNumber: string, code: string) {
    const keys = await healthKeys(kit);
    const hash = idHash(keys.otp, idNumber);
    const ctx = system(kit);
    const tried = await ctx.transaction(async (tx) => {
      const store = citizenStore(tx);
      await store.lockHash(hash);
      const now = tx.now();
      const request = (await store.latestRequest(hash)) ?? null;
      const refusal = tryRefusal(request ? { at: new Date(request.at), attempts: request.attempts } : null, now);
      if (refusal === 'locked') return 'locked' as const;
      if (refusal === 'none' || !request) return null;
      await store.countTry(Number(request.id));
      const person = await peopleService.citizenByIdNumber(tx, idNumber);
      if (!person) return null;
      const row = await store.tryLatestCode(person.id, now);
      return row ? { person, row } : null;
    });
    if (tried === 'locked')
      throw tooMany(
        `验证码错误已达${CODE_TRIES}次，请重新获取验证码`,
        `${CODE_TRIES} wrong codes: ask for a new one`,
        RESEND_SECONDS,
        'citizen.code_locked',
      );
    if (!tried) throw wrongCode();
    const given = Buffer.from(codeHash(keys.otp, tried.person.id, code));
    const want = Buffer.from(tried.row.code_hash);
    if (given.length !== want.length || !timingSafeEqual(given, want)) throw wrongCode();
    return ctx.transaction(async (tx) => {
      const now = tx.now();
      if (!(await citizenStore(tx).useCode(Number(tried.row.id), now))) throw wrongCode();
      await tx.audit({ action: 'healthcode.citizen_signin', personId: tried.person.id, detail: { via: 'sms' } });
      const who = { personId: tried.person.id, name: tried.person.name };
      return { cookie: sealSession(keys, who, now), ...who };
    });
  },

  /**
   * The citizen's code now: colour and reasons (the colours service, city-wide for this person only), a fresh QR
   * token, the latest test results (the lab service) and the 48-hour check under the edition in force.
   */
  async code(kit: Kit, who: Pick<CitizenSession, 'personId' | 'name'>): Promise<CodeAnswer> {
    const ctx = system(kit);
    const now = ctx.now();
    const [keys, view, results, edition] = await Promise.all([
      healthKeys(kit),
      coloursService.codeOf(ctx, who.personId),
      labService.resultsOfPerson(ctx, who.personId, 10),
      editionNow(ctx),
    ]);
    const token = await issueToken(keys, {
      personId: who.personId,
      colour: view.colour,
      version: view.version,
      name: who.name,
      issuedAt: now,
    });
    // The token's own times are whole seconds (JWT iat/exp).
    const iat = Math.floor(now.getTime() / 1000) * 1000;
    const leaving = leavingCheck(edition, view.colour, results, now);
    return {
      name: who.name,
      colour: view.colour,
      reasons: view.reasons,
      version: view.version,
      token,
      issuedAt: new Date(iat).toISOString(),
      expiresAt: new Date(iat + TOKEN_SECONDS * 1000).toISOString(),
      renewAt: new Date(iat + (TOKEN_SECONDS - RENEW_BEFORE_SECONDS) * 1000).toISOString(),
      lastNegativeAt: view.lastNegativeAt ? new Date(view.lastNegativeAt).toISOString() : null,
      tests: results.map((r) => {
        const meaning = meaningOf(r);
        return {
          roundNumber: r.roundNumber,
          purpose: r.purpose,
          sampledAt: new Date(r.sampledAt).toISOString(),
          resultAt: r.resultAt ? new Date(r.resultAt).toISOString() : null,
          meaning,
          label: MEANING_ZH[meaning],
        };
      }),
      leaving: {
        allowed: leaving.allowed,
        reason: leaving.allowed ? null : leaving.reason,
        withinHours: leaving.withinHours,
        negativeTests: leaving.negativeTests,
        greenCode: leaving.greenCode,
      },
    };
  },

  /**
   * A self-report (报备) of a trip to another city: what the elsewhere registry says of that place on those days,
   * stored once per trip (person, city, days: a resent form answers the earlier report and changes nothing), and
   * when the trip met a medium- or high-risk area, the fact arrival_medium / arrival_high recorded through the
   * colours in the same transaction, so the code turns yellow or red at once.
   */
  async report(kit: Kit, personId: number, body: TravelBody) {
    const ctx = system(kit);
    const now = ctx.now();
    const problems = tripProblems(body.leftOn, body.arrivedOn, now);
    if (problems.length) throw invalidFields(problems);
    const stay = stayOf(body.leftOn, body.arrivedOn);
    const duty = await elsewhereService.check(ctx, {
      province: body.province,
      city: body.city,
      district: body.district,
      place: body.place,
      arrivedAt: stay.arrivedAt,
      leftAt: stay.leftAt,
    });
    const worst = duty.reasons.find((r) => r.level === 'high') ?? duty.reasons.find((r) => r.level === 'medium');
    const level = worst ? (worst.level as 'high' | 'medium') : null;
    return ctx.transaction(async (tx) => {
      const path = (await peopleService.pathsOf(tx, [personId])).get(personId);
      if (!path) throw invalidFields([{ field: 'city', zh: '未找到您的居住信息', en: 'no residence on file' }]);
      const { row, created } = await citizenStore(tx).upsertTravel(
        {
          personId,
          terrPath: path,
          province: body.province,
          city: body.city,
          district: body.district ?? null,
          place: body.place ?? null,
          leftOn: body.leftOn,
          arrivedOn: body.arrivedOn,
          transport: body.transport ?? null,
          mustReport: duty.mustReport,
          level,
          sentence: worst?.sentence ?? null,
        },
        now,
      );
      if (created) {
        if (row.level) {
          const edition = await editionNow(tx);
          const place = `${row.province}${row.city}${row.district ?? ''}`;
          await coloursService.recordFacts(
            tx,
            [
              arrivalFact(edition, {
                id: Number(row.id),
                personId,
                terrPath: path,
                place,
                arrivedOn: row.arrived_on,
                level: row.level,
              }),
            ],
            'travel_report',
          );
        }
        await tx.audit({
          action: 'healthcode.travel_report',
          personId,
          target: `report:${row.id}`,
          detail: { city: `${row.province}${row.city}`, leftOn: row.left_on, arrivedOn: row.arrived_on, level: row.level },
        });
      }
      return { ...travelView(row), replay: !created };
    });
  },

  /** The person's own reports, newest first. */
  async travels(kit: Kit, personId: number) {
    return { items: (await citizenStore(system(kit)).travelsOf(personId, 50)).map(travelView) };
  },
};
