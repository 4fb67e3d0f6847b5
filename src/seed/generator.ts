import { idCheckChar, TAG_KEYS } from '../modules/people/rules';
import { DISTRICTS } from '../modules/territory/harbin';
import { initialsOf } from '../modules/territory/initials';
import { COMPOUND_SUFFIX, GIVEN, PLACE_WORDS, PLACES, SURNAMES } from './names';
import { type Rng, rng } from './random';

/**
 * The deterministic synthetic city: Harbin's districts filled with streets, communities, compounds,
 * buildings (5-33 floors, 1-4 units, two doors a floor), households of 1-5 residents with valid ID numbers,
 * plausible names and phones, and about 3% vulnerable people. It writes COPY text lines to two sinks and
 * never touches the database itself, so the same seed gives the same lines anywhere.
 */
export interface Sinks {
  node(line: string): void;
  person(line: string): void;
}

export interface DistrictRoot {
  id: number;
  code: string;
  name: string;
  path: string;
}

const DAYS = 29220; // 80 years of birth dates from 1942-01-01
const SPACE = DAYS * 1000; // (birth day, 3-digit sequence) pairs
const MULT = 1_000_003; // coprime with SPACE: j → j·MULT mod SPACE is a permutation
const BASE = Date.UTC(1942, 0, 1);

/** Birth dates as 'YYYY-MM-DD' for every day of the range, computed once: Date formatting per person is slow. */
const BIRTHS = Array.from({ length: DAYS }, (_, d) => new Date(BASE + d * 86_400_000).toISOString().slice(0, 10));

const MOBILE = ['3', '5', '8', '9', '7'];
const TAGS_OTHERS = TAG_KEYS.filter((t) => t !== 'living_alone' && t !== 'pregnant');
const TAGS_WOMEN = TAG_KEYS.filter((t) => t !== 'living_alone');

const esc = (s: string) =>
  s.replace(/[\\\t\n\r]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\\\'));
const N = '\\N';

/** Distinct, readable sibling names: 和平, 建国, …, then 和平二, 建国二, … */
const ordinalName = (i: number, offset: number, suffix: string) => {
  const w = PLACE_WORDS[(i + offset) % PLACE_WORDS.length] as string;
  const round = Math.floor(i / PLACE_WORDS.length);
  return `${w}${round ? '二三四五六七八九十'[Math.min(round - 1, 8)] + (round > 9 ? round : '') : ''}${suffix}`;
};

/**
 * A registered place's postal address, as published trajectories print it after the name: 道里区和平路23号 in a
 * city district, 宾县和平镇建国村23号 in a county. The house number comes from the node id, not the random stream,
 * so adding addresses left every other generated value as it was.
 */
const placeAddress = (district: string, street: string, community: string, countyLike: boolean, id: number) =>
  countyLike ? `${district}${street}${community}${(id % 97) + 1}号` : `${district}${street.slice(0, 2)}路${(id % 397) + 1}号`;

export interface GenerateOptions {
  people: number;
  seed: number;
  /** First free territory node id. */
  firstNodeId: number;
  districts: DistrictRoot[];
  onProgress?: (people: number) => void;
}

/** What one street holds, counted as it is generated: the loader writes the rollup from these, not by a rescan. */
export interface StreetCount {
  path: string;
  households: number;
  residents: number;
  vulnerable: number;
}

export interface Generated {
  nextNodeId: number;
  people: number;
  streets: StreetCount[];
}

/** Yields after each compound so the loader can flush its buffers to COPY with backpressure. */
export function* generateCity(opts: GenerateOptions, out: Sinks): Generator<void, Generated> {
  const r = rng(opts.seed);
  let nextId = opts.firstNodeId;
  let personIndex = 0;
  const streets: StreetCount[] = [];
  const offset = (opts.seed * 7_654_321) % SPACE;
  // Unit sizes scale with the city: a 10-million city has ~50,000-person streets; a demo city small ones.
  const streetSize = Math.min(60000, Math.max(1500, Math.round(opts.people / 200)));
  const communitySize = Math.ceil(streetSize / 6);
  const compoundSize = Math.ceil(communitySize / 3);

  const node = (
    parent: { id: number; code: string; path: string },
    code: string,
    name: string,
    type: string,
    depth: number,
    extra: { placeKind?: string; floors?: number; address?: string } = {},
  ) => {
    const id = nextId++;
    const path = `${parent.path}${id}/`;
    out.node(
      `${id}\t${parent.id}\t${code}\t${esc(name)}\t${type}\t${depth}\t${path}\t${extra.placeKind ?? N}\t${extra.floors ?? N}\t${N}\t${extra.address ? esc(extra.address) : N}\t${initialsOf(name, type) ?? N}`,
    );
    return { id, code, path, name };
  };

  /** Writes one resident's line; true when the resident is tagged vulnerable. */
  const person = (area: string, household: { id: number; path: string }, escAddress: string, single: boolean): boolean => {
    const j = (personIndex++ * MULT + offset) % SPACE;
    const birth = BIRTHS[j % DAYS] as string;
    const first17 = `${area}${birth.slice(0, 4)}${birth.slice(5, 7)}${birth.slice(8, 10)}${String(Math.floor(j / DAYS)).padStart(3, '0')}`;
    const id = first17 + idCheckChar(first17);
    const sex = (first17.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
    const name = r.pick(SURNAMES) + r.pick(GIVEN) + (r.next() < 0.7 ? r.pick(GIVEN) : '');
    const phone = r.next() < 0.92 ? `1${r.pick(MOBILE)}${String(r.int(0, 999999999)).padStart(9, '0')}` : N;
    let tags = '{}';
    if (r.next() < 0.03) {
      const age = 2021 - Number(birth.slice(0, 4));
      const adultWoman = sex === 'F' && age >= 20 && age <= 45;
      tags = `{${single && age >= 65 ? 'living_alone' : r.pick(adultWoman ? TAGS_WOMEN : TAGS_OTHERS)}}`;
    }
    out.person(
      `${id}\t${name}\t${sex}\t${birth}\t${phone}\t${household.id}\t${household.path}\t${escAddress}\t${r.next() < 0.8 ? escAddress : N}\t${tags}`,
    );
    return tags !== '{}';
  };

  const weights = DISTRICTS.map((d) => d.weight);
  const total = weights.reduce((a, b) => a + b, 0);
  let assigned = 0;
  for (const [di, district] of opts.districts.entries()) {
    const budget =
      di === opts.districts.length - 1 ? opts.people - assigned : Math.round((opts.people * (weights[di] ?? 1)) / total);
    assigned += budget;
    let left = budget;
    const countyLike = district.code.slice(4, 5) === '2' || district.code.slice(4, 5) === '8';
    for (let s = 0; left > 0; s++) {
      const street = node(
        district,
        `${district.code}${String(s + 1).padStart(3, '0')}`,
        ordinalName(s, di * 3, countyLike ? '镇' : '街道'),
        countyLike ? 'town' : 'street',
        2,
      );
      const count: StreetCount = { path: street.path, households: 0, residents: 0, vulnerable: 0 };
      streets.push(count);
      let streetLeft = Math.min(left, streetSize);
      left -= streetLeft;
      for (let c = 0; streetLeft > 0; c++) {
        const community = node(
          street,
          `${street.code}${String(c + 1).padStart(3, '0')}`,
          ordinalName(c, s + di, countyLike ? '村' : '社区'),
          countyLike ? 'village' : 'community',
          3,
        );
        let communityLeft = Math.min(streetLeft, communitySize);
        streetLeft -= communityLeft;
        for (const [pi, p] of PLACES.entries())
          if (r.next() < 0.6)
            node(community, `${community.code}P${pi}`, `${community.name.slice(0, 2)}${p.name}`, 'place', 4, {
              placeKind: p.kind,
              address: placeAddress(district.name, street.name, community.name, countyLike, nextId),
            });
        for (let k = 0; communityLeft > 0; k++) {
          const compound = node(
            community,
            `${community.code}${String(k + 1).padStart(3, '0')}`,
            ordinalName(k, c * 7 + s, r.pick(COMPOUND_SUFFIX)),
            'compound',
            4,
          );
          let compoundLeft = Math.min(communityLeft, compoundSize);
          communityLeft -= compoundLeft;
          for (let b = 1; compoundLeft > 0; b++) {
            const floors = r.next() < 0.6 ? r.int(5, 7) : r.int(11, 33);
            const building = node(compound, `${compound.code}${String(b).padStart(3, '0')}`, `${b}栋`, 'building', 5, { floors });
            const units = r.int(1, 4);
            for (let u = 1; u <= units && compoundLeft > 0; u++) {
              const unit = node(building, `${building.code}${String(u).padStart(2, '0')}`, `${u}单元`, 'unit', 6);
              for (let f = 1; f <= floors && compoundLeft > 0; f++) {
                for (let door = 1; door <= 2 && compoundLeft > 0; door++) {
                  const room = `${f}0${door}`;
                  const household = node(unit, `${unit.code}${room.padStart(4, '0')}`, room, 'household', 7);
                  const size = Math.min(compoundLeft, householdSize(r));
                  const address = esc(`哈尔滨市${district.name}${compound.name}${b}栋${u}单元${room}室`);
                  for (let m = 0; m < size; m++) if (person(district.code, household, address, size === 1)) count.vulnerable++;
                  count.households++;
                  count.residents += size;
                  compoundLeft -= size;
                  if (personIndex % 10000 < size) opts.onProgress?.(personIndex);
                }
              }
            }
          }
          yield;
        }
      }
    }
  }
  opts.onProgress?.(personIndex);
  return { nextNodeId: nextId, people: personIndex, streets };
}

/** 1-5 residents, most often 2-3. */
function householdSize(r: Rng) {
  const x = r.next();
  return x < 0.15 ? 1 : x < 0.45 ? 2 : x < 0.8 ? 3 : x < 0.93 ? 4 : 5;
}
