/**
 * The fact the notices module tells the others: a notice was published, with the risk module's planned changes
 * it made public (the risk module applies them, so an area's level changes only by a published notice).
 */
declare module '../../kit/events' {
  interface DomainEvents {
    'notice.published': { noticeId: number; version: number; changeIds: number[] };
  }
}

export {};
