import dayjs, { type Dayjs } from 'dayjs';
import {
  CODE_STATUSES,
  type CodeColour,
  type CodeStatus,
  type QuarantineTerm,
  type RISK_LEVELS,
} from '../../../../src/modules/policy/edition';
import type { PolicyEdition, PolicyEditionInput } from '../../contracts';
import { beijing } from './edition-card';

/** A term as the form holds it: with 判定 on or off where the edition may not determine the group. */
type TermValues = Partial<QuarantineTerm> & { on?: boolean };
type Optional = 'secondaryContact' | 'inboundTraveller';

/** The edition form's values: the edition's shape, with times as pickers hold them and lists as lines of text. */
export type EditionValues = Omit<
  PolicyEditionInput,
  'effectiveFrom' | 'issued' | Optional | 'arrivals' | 'healthCode' | 'notes' | 'unconfirmed'
> & {
  effectiveFrom?: Dayjs;
  issued?: Dayjs;
  secondaryContact: TermValues;
  inboundTraveller: TermValues;
  arrivals: Record<(typeof RISK_LEVELS)[number], TermValues>;
  healthCode: Record<CodeStatus, CodeColour | 'none'>;
  notes?: string;
  unconfirmed?: string;
};

const EMPTY_TERM: QuarantineTerm = {
  centralizedDays: 0,
  homeDays: 0,
  homeMode: 'isolation',
  centralizedTestDays: [],
  homeTestDays: [],
};
const termIn = (t: QuarantineTerm | null | undefined): TermValues => ({ ...(t ?? EMPTY_TERM), on: !!t });
const termOut = (t: TermValues): QuarantineTerm | null => {
  if (t.on === false) return null;
  const { on: _on, ...rest } = t;
  return { ...EMPTY_TERM, ...rest };
};
const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * An edition as the form shows it. A new edition starts from `from` (the one in force) without its code, name,
 * source and effective time, which are the new edition's own.
 */
export function toValues({ id: _id, updatedAt: _at, ...e }: PolicyEdition, asNew = false): EditionValues {
  return {
    ...e,
    code: asNew ? '' : e.code,
    name: asNew ? '' : e.name,
    source: asNew ? '' : e.source,
    // The picker shows Beijing wall-clock time whatever the browser's zone (the server keeps the instant).
    effectiveFrom: asNew ? undefined : dayjs(beijing(e.effectiveFrom)),
    issued: asNew ? undefined : dayjs(e.issued),
    secondaryContact: termIn(e.secondaryContact),
    inboundTraveller: termIn(e.inboundTraveller),
    arrivals: { high: termIn(e.arrivals.high), medium: termIn(e.arrivals.medium), low: termIn(e.arrivals.low) },
    healthCode: Object.fromEntries(CODE_STATUSES.map((s) => [s, e.healthCode[s] ?? 'none'])) as EditionValues['healthCode'],
    notes: e.notes.join('\n'),
    unconfirmed: asNew ? '' : e.unconfirmed.join('\n'),
  };
}

/** What the form sends: the edition's own shape (the picked wall-clock time read as Beijing time). */
export function fromValues(v: EditionValues): PolicyEditionInput {
  const blankless = (s: string | undefined) => (s?.trim() ? s : undefined);
  return {
    ...v,
    effectiveFrom: v.effectiveFrom ? `${v.effectiveFrom.format('YYYY-MM-DDTHH:mm:ss')}+08:00` : '',
    issued: v.issued ? v.issued.format('YYYY-MM-DD') : '',
    measures: { high: v.measures.high, medium: blankless(v.measures.medium), low: blankless(v.measures.low) },
    drawing: blankless(v.drawing),
    secondaryContact: termOut(v.secondaryContact),
    inboundTraveller: termOut(v.inboundTraveller),
    arrivals: { high: termOut(v.arrivals.high), medium: termOut(v.arrivals.medium), low: termOut(v.arrivals.low) },
    healthCode: Object.fromEntries(Object.entries(v.healthCode).filter(([, c]) => c !== 'none')),
    notes: lines(v.notes),
    unconfirmed: lines(v.unconfirmed),
    lowering: (v.lowering ?? []).map((s) => ({ ...s, reachedBy: s.reachedBy || undefined })),
  };
}

/** The form's name of a refused field (a line of the notes is the notes' text area). */
export const formNameOf = (path: (string | number)[]) => (path[0] === 'notes' || path[0] === 'unconfirmed' ? [path[0]] : path);
