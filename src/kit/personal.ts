import type { Ctx } from './context';
import type { Permission } from './permissions';

/**
 * The permission that releases a person's identifying fields (declared by the people module, held by CDC
 * investigators and the community's own workers).
 */
export const REVEAL: Permission = 'people.reveal';

/**
 * A masked ID number keeps only its first two characters (the province: 23 for nearly everyone in Harbin), which
 * narrow nothing down. Region, birth date, sequence and check character are hidden: the check character alone
 * would cut the candidates elevenfold.
 */
export const maskIdNumber = (id: string) => `${id.slice(0, 2)}${'*'.repeat(Math.max(0, id.length - 2))}`;

/** A masked phone keeps the carrier prefix and the last two digits: 138******78 (a million candidates). */
export const maskPhone = (phone: string) =>
  phone.length >= 7 ? `${phone.slice(0, 3)}${'*'.repeat(phone.length - 5)}${phone.slice(-2)}` : '*'.repeat(phone.length);

/** A masked name keeps the surname only (张**): enough for a sampler to see the scan matched the person before them. */
export const maskName = (name: string) => {
  const chars = [...name];
  return `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}`;
};

/** The identifying fields a released record may carry. */
export interface Identifying {
  idNumber?: string | null;
  phone?: string | null;
}

/** What is audited of each released record: the resident it is (if linked to the ledger), else its own reference. */
export interface Subject {
  personId?: number | null;
  ref?: string;
}

/**
 * The choke point for identifying fields, whichever module's route reads them (residents, contacts, cases,
 * exports, search). Under `people.reveal` the records pass unmasked and the release is audited in the caller's
 * connection (one statement for the whole page); without it, ID numbers and phones are masked and `masked` is
 * set. Stores return full values only to this function.
 */
export async function release<T extends Identifying>(
  ctx: Ctx,
  rows: readonly T[],
  how: { via: string; subject: (row: T) => Subject },
): Promise<(T & { masked: boolean })[]> {
  if (!ctx.can(REVEAL))
    return rows.map((r) => ({
      ...r,
      ...('idNumber' in r ? { idNumber: r.idNumber ? maskIdNumber(r.idNumber) : r.idNumber } : {}),
      ...('phone' in r ? { phone: r.phone ? maskPhone(r.phone) : r.phone } : {}),
      masked: true,
    }));
  const subjects = rows.filter((r) => r.idNumber || r.phone).map(how.subject);
  const personIds = subjects.flatMap((s) => (s.personId ? [s.personId] : []));
  const refs = subjects.flatMap((s) => (!s.personId && s.ref ? [s.ref] : []));
  if (personIds.length) await ctx.audit({ action: 'person.read_unmasked', personIds, detail: { via: how.via } });
  if (refs.length) await ctx.audit({ action: 'person.read_unmasked', detail: { via: how.via, refs } });
  return rows.map((r) => ({ ...r, masked: false }));
}
