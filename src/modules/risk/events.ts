/** The facts the risk module tells the others (the health code and mass testing follow them). */
declare module '../../kit/events' {
  interface DomainEvents {
    /**
     * A published change of an area's level and control zone, in effect from `from` (ISO): the area `areaId`
     * drawn at `path` (its node's territory path) in district `districtId`; `noticeId` is the notice that
     * published it, null when the city HQ published it directly.
     */
    'risk_area.changed': {
      areaId: number;
      changeId: number;
      level: 'high' | 'medium' | 'low';
      zone: 'sealed' | 'controlled' | 'precaution' | 'none';
      from: string;
      path: string;
      districtId: number;
      noticeId: number | null;
    };
  }
}

export {};
