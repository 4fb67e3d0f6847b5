/** The facts mass testing tells the others (the health code and surveillance follow them). */
declare module '../../kit/events' {
  interface DomainEvents {
    /**
     * Lab results were recorded for a round (one import or one device post, batch `batchId`): the people of the
     * tubes resulted in it are read by batch through the testing service, set-based (not carried here).
     */
    'testing.results_recorded': { roundId: number; batchId: number; negative: number; positive: number; invalid: number };
    /** A pool came back positive: its people (at most a pool's size) are flagged and each given a single-tube retest. */
    'testing.pool_positive': { roundId: number; tubeId: number; personIds: number[] };
    /** A single-tube retest came back positive: surveillance's infection record `positiveId` was created for it. */
    'testing.retest_positive': { roundId: number; taskId: number; personId: number; positiveId: number };
    /** A round was closed: `missed` residents of its target were not sampled and are recorded as missing it. */
    'testing.round_closed': { roundId: number; number: number; missed: number };
  }
}

export {};
