import { describe, expect, it } from 'vitest';
import { say } from '../fixtures/clause';
import { contacts } from './contacts';

describe('contacts', () => {
  it('contacts: the traced contacts as of a date and hour', () => {
    const asOf = { date: '2022-04-10', hour: 24 };
    expect(
      say(contacts, {}, { contacts: { asOf, closeContacts: 120, contactsOfCloseContacts: 300, allIsolated: false } }),
    ).toEqual(['截至4月10日24时，累计排查密切接触者120人，密切接触者的密切接触者300人。']);
  });

  it('says the contacts are all isolated when they are, and nothing without totals', () => {
    const asOf = { date: '2022-04-10', hour: 15 };
    expect(say(contacts, {}, { contacts: { asOf, closeContacts: 5, contactsOfCloseContacts: 9, allIsolated: true } })).toEqual([
      '截至4月10日15时，累计排查密切接触者5人，密切接触者的密切接触者9人，已全部进行隔离管控。',
    ]);
    expect(say(contacts, {}, {})).toEqual([]);
  });
});
