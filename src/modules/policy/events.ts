/** The facts the policy module tells the others (risk areas re-propose lowerings when the edition changes). */
declare module '../../kit/events' {
  interface DomainEvents {
    /** An edition was added or changed: its id, code, effective time and the fields that changed. */
    'policy.edition_changed': {
      id: number;
      code: string;
      effectiveFrom: string;
      change: 'created' | 'updated';
      fields: string[];
    };
  }
}

export {};
