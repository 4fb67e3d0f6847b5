import type { PositiveAccount } from './contract';

// The shapes of positives and their trajectories as the store writes and reads them.

/** A positive as stored, with what the bulletin needs of its links. */
export interface PositiveRecord {
  id: number;
  kind: 'confirmed' | 'asymptomatic';
  severity: 'mild' | 'moderate' | 'severe' | 'critical' | null;
  source: 'local' | 'imported';
  number: number;
  district: string;
  channel: string;
  residence: string | null;
  origin: string | null;
  relationships: string | null;
  transferredTo: string | null;
  reclassified: boolean;
  reportDate: string;
  reportHour: number;
  districtId: number;
  /** The epidemiological account (流调信息), null when none was entered. */
  account: PositiveAccount | null;
  /** The positives this one was a close contact of. */
  contactOf: { id: number; date: string; kind: 'confirmed' | 'asymptomatic'; number: number }[];
}

export interface TrajectoryRecord {
  positiveId: number;
  day: string;
  times: ({ at: string } | { from: string; to: string })[];
  stop: { type: 'place'; name: string; address?: string } | { type: 'ride'; line: string; from: string; to: string };
  /** The territory place (type 'place') the stop is, when the CDC linked it. */
  placeNodeId?: number | null;
}

export interface NewPositive {
  reportDate: string;
  reportHour: number;
  kind: 'confirmed' | 'asymptomatic';
  severity: string | null;
  source: 'local' | 'imported';
  districtId: number;
  terrPath: string;
  residenceNodeId: number | null;
  residence: string | null;
  origin: string | null;
  channel: string;
  relationships: string | null;
  transferredTo: string | null;
  /** The epidemiological account (流调信息), if any. */
  account?: PositiveAccount | null;
  personId: number | null;
  reclassifiedFrom: number | null;
}

/** A positive as this module stores it: the district's name is the territory's, added by `placesService.withDistricts`. */
export type StoredPositive = Omit<PositiveRecord, 'district'>;

export type PositiveRow = StoredPositive & {
  terrPath: string;
  residenceNodeId: number | null;
  personId: number | null;
};

/** A positive's place in the case list: report day, kind, number (unique together). */
export type PositiveKey = readonly [reportDate: string, kind: string, number: number];

export interface PositiveFilter {
  date?: string;
  kind?: string;
  /** The district-level unit reported (the overview's figures link to a district's cases). */
  districtId?: number;
  channel?: string;
  after?: PositiveKey;
}
