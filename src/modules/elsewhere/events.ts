/**
 * The fact the registry of other cities' risk areas tells the others (the health code's arrival rules, the
 * reminder's editors), emitted inside the write that changed it and appended to `domain_events`.
 */
declare module '../../kit/events' {
  interface DomainEvents {
    /**
     * Spans of other cities' areas began or ended: by a feed import (`feedId`) or by the CDC's entry. `started`
     * are the new spans (an area added, or at its new level), `ended` the spans closed (lifted, changed, missing
     * from a newer feed). A replayed feed emits nothing.
     */
    'elsewhere.areas_changed': {
      source: 'feed' | 'manual';
      province: string;
      city: string;
      feedId: number | null;
      started: number[];
      ended: number[];
    };
  }
}

export {};
