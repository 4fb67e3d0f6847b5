import type { PositiveRecord, TrajectoryRecord } from '../cases/records';
import type { BulletinDocumentInput } from './document';
import { layoutNamed, type TemplateName } from './render';

export interface WindowRequest {
  city: string;
  /** The name headlines use: 哈市. */
  cityShortName: string;
  date: string;
  fromHour: number;
  toHour: number;
  template: TemplateName;
  fixedText?: BulletinDocumentInput['fixedText'];
  signature?: { issuer: string; date: string };
  /** Totals the CDC states beside the records: the outbreak since its first case, the day's recoveries and releases. */
  outbreak?: BulletinDocumentInput['outbreak'];
  recoveries?: BulletinDocumentInput['recoveries'];
  releases?: BulletinDocumentInput['releases'];
}

/** The document's account fields of a positive from its stored account (流调信息), the free sentence as `account`. */
function accountFields(stored: PositiveRecord['account']) {
  if (!stored) return {};
  const { text, ...facts } = stored;
  return { ...facts, account: text };
}

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Builds the bulletin document of a day and hour window from stored records: the same JSON the CLI renders
 * offline, so what the API publishes can be reproduced from the document alone.
 */
export function documentFromRecords(
  req: WindowRequest,
  positives: PositiveRecord[],
  trajectories: TrajectoryRecord[],
  contacts: { closeContacts: number; contactsOfCloseContacts: number; allIsolated: boolean } | null,
): BulletinDocumentInput {
  const byId = new Map(positives.map((p) => [p.id, p]));
  const grouped = new Map<number, TrajectoryRecord[]>();
  for (const t of trajectories) grouped.set(t.positiveId, [...(grouped.get(t.positiveId) ?? []), t]);
  // Who signs by default is the layout's (seeds: the health commission in 2021, the CDC's releases in 2022).
  const suffix = layoutNamed(req.template).issuer;
  const issuer = req.signature?.issuer ?? (suffix ? `${req.city}${suffix}` : undefined);
  return {
    city: req.city,
    cityShortName: req.cityShortName,
    date: req.date,
    fromHour: req.fromHour,
    toHour: req.toHour,
    positives: positives.map((p) => {
      const common = {
        number: p.number,
        source: p.source,
        district: p.district,
        channel: p.channel,
        residence: p.residence ?? undefined,
        origin: p.origin ?? undefined,
        relationships: p.relationships ?? undefined,
        transferredTo: p.transferredTo ?? undefined,
        contactOf: p.contactOf.map(({ date, kind, number }) => ({ date, kind, number })),
        ...accountFields(p.account),
      };
      return p.kind === 'confirmed'
        ? {
            kind: 'confirmed' as const,
            severity: p.severity ?? undefined,
            reclassifiedFromAsymptomatic: p.reclassified,
            ...common,
          }
        : { kind: 'asymptomatic' as const, ...common };
    }),
    trajectories: [...grouped].flatMap(([id, entries]) => {
      const p = byId.get(id);
      if (!p) return [];
      return [
        {
          case: { kind: p.kind, number: p.number },
          entries: entries.map((e) => ({ date: e.day, times: e.times, stop: e.stop })),
        },
      ];
    }),
    contacts: contacts ? { asOf: { date: req.date, hour: req.toHour }, ...contacts } : undefined,
    outbreak: req.outbreak,
    recoveries: req.recoveries ?? [],
    releases: req.releases ?? [],
    fixedText: req.fixedText ?? {},
    signature: issuer ? { issuer, date: req.signature?.date ?? nextDay(req.date) } : undefined,
  };
}
