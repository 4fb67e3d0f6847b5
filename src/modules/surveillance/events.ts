/**
 * The facts the surveillance module tells the others (health code, quarantine, risk areas, the command
 * dashboard), each emitted inside the transaction of the write it records and appended to `domain_events`.
 */
declare module '../../kit/events' {
  interface DomainEvents {
    /** A positive was registered (numbered in its day and kind); `personId` when it is a resident of the ledger. */
    'positive.registered': {
      positiveId: number;
      reportDate: string;
      kind: 'confirmed' | 'asymptomatic';
      districtId: number;
      personId: number | null;
    };
    /** An asymptomatic infection was confirmed: a new confirmed record `positiveId` points at `fromId`. */
    'positive.reclassified': { positiveId: number; fromId: number; reportDate: string; personId: number | null };
    /** Contacts were traced (only those newly recorded; a replayed list traces none). */
    'contact.traced': { contactIds: number[]; sourcePositiveIds: number[]; sourceContactIds: number[] };
    /** A contact moved along 待排查 → 已排查 → 已管控 → 已解除 (`measure` when controlled; `reason` when going back). */
    'contact.status_changed': {
      contactId: number;
      from: 'pending' | 'located' | 'controlled' | 'released';
      status: 'pending' | 'located' | 'controlled' | 'released';
      measure?: 'centralized' | 'home' | 'home_monitoring';
      reason?: string;
    };
    /** A disinfection or closure of a visited place was done: the measure on the place is lifted. */
    'place_task.done': { taskId: number; positiveId: number; task: 'disinfection' | 'closure'; placeNodeId: number | null };
    'bulletin.published': { id: number; version: number; day: string; fromHour: number; toHour: number };
    'reminder.published': { id: number; version: number; issuedOn: string };
  }
}

export {};
