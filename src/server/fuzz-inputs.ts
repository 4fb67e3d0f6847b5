/**
 * The hostile inputs of the fuzz test (fuzz.test.ts), generated from a route's OpenAPI schema. A fixed list, no
 * randomness: the same requests every run, so CI is stable and a failure names the exact input.
 */

/** A JSON Schema node as @fastify/swagger prints a zod schema (only what the generator reads). */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  default?: unknown;
}

const MB = 'x'.repeat(1 << 20);

/** Bad values for a JSON field: wrong types, NUL, lone surrogates, full-width digits, huge and out-of-range. */
export const BAD_JSON: [string, unknown][] = [
  ['null', null],
  ['zero', 0],
  ['negative', -1],
  ['int4 overflow', 2 ** 31],
  ['huge number', 1e308],
  ['fraction', 1.5],
  ['boolean', true],
  ['word', 'abc'],
  ['empty', ''],
  ['one space', ' '],
  ['NUL', '\u0000'],
  ['inner NUL', 'a\u0000b'],
  ['lone high surrogate', '\ud800'],
  ['lone low surrogate', 'x\udfff'],
  ['full-width digits', '１２３'],
  ['date 9999-12-31', '9999-12-31'],
  ['date -271821-04-20', '-271821-04-20'],
  ['date 0000-00-00', '0000-00-00'],
  ['1 MB string', MB],
  ['array', ['x']],
  ['object', { a: 1 }],
];

/** The fewer values tried on fields nested deeper than two levels, so large documents stay within time. */
export const BAD_JSON_DEEP = BAD_JSON.filter(([k]) =>
  ['null', 'int4 overflow', 'NUL', 'lone high surrogate', '1 MB string', 'object', 'date 9999-12-31'].includes(k),
);

/** Bad values for a path or query parameter, already URL-encoded (a lone surrogate cannot be encoded otherwise). */
export const BAD_PARAMS: [string, string][] = [
  ['NUL', '%00'],
  ['inner NUL', 'a%00b'],
  ['lone surrogate (utf-8 bytes)', '%ED%A0%80'],
  ['lone surrogate (%u)', '%uD800'],
  ['bad percent', '%E0%A4%A'],
  ['full-width digits', '%EF%BC%91%EF%BC%92'],
  ['empty', ''],
  ['zero', '0'],
  ['negative', '-1'],
  ['int4 overflow', '2147483648'],
  ['beyond 2^53', '9007199254740993'],
  ['huge', '1e308'],
  ['word', 'abc'],
  ['date 9999-12-31', '9999-12-31'],
  ['date -271821-04-20', '-271821-04-20'],
  ['timestamp far future', '275760-09-13T00:00:00.001Z'],
];

/** The first branch of a union that is not null. */
const branch = (s: Schema): Schema => {
  const options = s.anyOf ?? s.oneOf ?? s.allOf;
  if (!options) return s;
  return branch(options.find((o) => o.type !== 'null') ?? (options[0] as Schema));
};

/** A plausible value for every property (optional ones too, so mutations reach nested fields such as `signature.issuer`). */
export function sample(schema: Schema, depth = 0): unknown {
  const s = branch(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object' || s.properties) {
    if (depth > 6) return {};
    return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, depth + 1)]));
  }
  if (type === 'array')
    return s.items ? Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => sample(s.items as Schema, depth + 1)) : [];
  if (type === 'string') {
    if (s.format === 'date') return '2021-11-04';
    if (s.format === 'date-time') return '2021-11-04T08:00:00.000Z';
    return 'x'.repeat(Math.max(1, s.minLength ?? 0));
  }
  if (type === 'integer' || type === 'number') return Math.max(1, s.minimum ?? 1);
  if (type === 'boolean') return false;
  return 'x';
}

/** Every path (of keys and array indices) into a sample value, with its depth. */
export function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = at.length ? [at] : [];
  if (Array.isArray(value)) return [...here, ...value.slice(0, 1).flatMap((v, i) => paths(v, [...at, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return here;
}

/** The value at `path` of `value`. */
export const at = (value: unknown, path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);

/** A valid string with a NUL or a lone surrogate put at either end, so shape checks (`…发现`) still pass. */
export const affixed = (s: string): [string, string][] => [
  ['NUL appended', `${s}\u0000`],
  ['lone surrogate appended', `${s}\ud800`],
  ['lone surrogate prepended', `\udfff${s}`],
  ['NUL prepended', `\u0000${s}`],
];

/** A deep copy of `value` with the thing at `path` replaced (or deleted, with `remove`). */
export function mutate(value: unknown, path: (string | number)[], next: unknown, remove = false): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) delete parent[last];
  else parent[last] = next;
  return copy;
}
