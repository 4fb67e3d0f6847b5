import { z } from 'zod';
import { formatMonthDay } from '../rules';
import { defineClause } from './clause';

/** The traced contacts as of a date and hour: the document's `contacts`, nothing when it has none. */
/** "截至11月2日24时，累计排查密切接触者1791人，密切接触者的密切接触者4122人，已全部进行隔离管控。" */
export const contacts = defineClause({
  options: z.strictObject({}),
  render(doc, _o, { p }) {
    const c = doc.contacts;
    if (!c) return [];
    const isolated = c.allIsolated ? `${p.comma}已全部进行隔离管控` : '';
    return `截至${formatMonthDay(c.asOf.date)}${c.asOf.hour}时${p.comma}累计排查密切接触者${c.closeContacts}人${p.comma}密切接触者的密切接触者${c.contactsOfCloseContacts}人${isolated}。`;
  },
});
