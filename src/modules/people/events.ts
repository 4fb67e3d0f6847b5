/** The facts the people module tells the others (src/kit/events.ts). */
declare module '../../kit/events' {
  interface DomainEvents {
    /** A ledger import wrote these residents: new ones, and changed ones. */
    'residents.imported': { inserted: number[]; updated: number[] };
    /** A resident now lives in another household (moved by an import): quarantine, testing and codes follow them. */
    'resident.moved': { personId: number; fromHousehold: number; toHousehold: number };
  }
}

export {};
