import { z } from 'zod';
import { bodyId } from '../../../kit/ids';
import { text } from '../../../kit/text';

const colour = z.enum(['green', 'yellow', 'red']).meta({ label: '健康码颜色' });

/**
 * A verdict at a venue: pass or stop, the colour, the masked name, the hours since the last negative test, and
 * the rule it was judged by. `reasons` is optional: under load the service leaves it out first (it is read from
 * the database; everything else comes from memory), as Hainan switched off its vaccination badge in 2022.
 */
export const verdict = z.object({
  pass: z.boolean(),
  colour,
  name: z.string(),
  /** Hours since the last negative test (one decimal), null when none is known. */
  hoursSinceNegative: z.number().nullable(),
  /** Why it stops (请止步：黄码 / 无72小时内核酸阴性结果), empty when it passes. */
  stop: z.string(),
  venue: z.object({ id: z.number(), name: z.string(), negativeWithinHours: z.number().nullable(), green: z.boolean() }),
  reasons: z.array(z.string()).optional(),
  /** The version of the colour judged (the projection's), so two answers can be ordered. */
  version: z.number(),
  /** When the scan is stored as made (its natural key's time): a citizen's scan to the minute, see citizenScan. */
  at: z.string(),
});
export type Verdict = z.infer<typeof verdict>;

/** A refused scan: a token tampered with, expired or malformed; a venue unknown or closed. Chinese and English. */
export const scanRefusal = z.object({ code: z.string(), zh: z.string(), en: z.string() });

/** Staff scan people's QR codes at a venue (逢进必扫): the checkpoint page's queue, sent in order. */
export const staffScans = z.object({
  venueId: bodyId('场所'),
  scans: z
    .array(
      z.object({
        token: text({ max: 600, label: '健康码' }),
        /** When it was scanned (the phone's clock): a queued offline scan keeps its time. */
        at: z.iso.datetime({ offset: true }).meta({ label: '扫码时间' }),
        /** Verified on the phone with the public key while the servers could not be reached. */
        offline: z.boolean().meta({ label: '离线核验' }).default(false),
      }),
    )
    .min(1)
    .max(200)
    .meta({ label: '扫码记录' }),
});

export const scanOutcome = z.union([
  z.object({ ok: z.literal(true), verdict }),
  z.object({ ok: z.literal(false), refusal: scanRefusal }),
]);
export const scanOutcomes = z.object({ outcomes: z.array(scanOutcome) });

/** A citizen scans a venue's code with their phone (signed in on the citizen page). */
export const citizenScan = z.object({
  code: text({
    max: 40,
    label: '场所码',
    pattern: { regex: /^[A-Za-z0-9_-]+$/, message: '场所码只含字母、数字、-、_ (letters, digits, - and _ only)' },
  }),
});

/** The public key the QR tokens are signed with (a JWK), for the checkpoints' offline verification. */
export const publicKeyAnswer = z.object({
  kid: z.string(),
  alg: z.literal('ES256'),
  jwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }),
});

/** A venue as a checkpoint's page holds it once its printed code is entered: what it scans for. */
export const checkpointVenue = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  negativeWithinHours: z.number().nullable(),
  green: z.boolean(),
});
export const venueCodeParam = z.object({ code: citizenScan.shape.code });
