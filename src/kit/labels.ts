import { z } from 'zod';

/**
 * The Chinese label of every input field, carried once by its contract: `text({ …, label: '身份证号' })` or
 * `z.number().meta({ label: '区县' })`. The error handler reads them to say which field is wrong in the user's
 * words ("密接第1行 · 身份证号：校验位不符") instead of the wire path ("contacts.0.idNumber"), and the labels travel
 * into the OpenAPI document as the `label` keyword, where src/server/contract-labels.test.ts finds them.
 */
declare module 'zod' {
  interface GlobalMeta {
    /** The field's name as the console's form shows it. */
    label?: string;
  }
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  items?: z.ZodType[];
  valueType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema itself and those it wraps (optional, default, pipe …), outermost first. */
function* layers(schema: z.ZodType): Generator<z.ZodType> {
  let s: z.ZodType | undefined = schema;
  for (let depth = 0; s && depth < 20; depth++) {
    yield s;
    const d = defOf(s);
    s = d.innerType ?? (d.type === 'pipe' ? (defOf(d.in as z.ZodType).type === 'transform' ? d.out : d.in) : undefined);
    if (!s && d.type === 'lazy') s = d.getter?.();
  }
}

/** The label a schema carries on itself or on anything it wraps. */
export const labelOf = (schema: z.ZodType): string | undefined => {
  for (const s of layers(schema)) {
    const label = z.globalRegistry.get(s)?.label;
    if (label) return label;
  }
  return undefined;
};

/** The schema a key or an index leads to, through wrappers and unions (the first option that has the key). */
function child(schema: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  for (const s of layers(schema)) {
    const d = defOf(s);
    if (d.shape && typeof key === 'string' && key in d.shape) return d.shape[key];
    if (d.element && typeof key === 'number') return d.element;
    if (d.items && typeof key === 'number') return d.items[key];
    if (d.valueType && d.type === 'record') return d.valueType;
    if (d.options) for (const o of d.options) if (child(o, key)) return child(o, key);
  }
  return undefined;
}

/**
 * A path of a value (`['contacts', 0, 'idNumber']`) said with its labels: "密接第1行 · 身份证号". Parts without a
 * label are left out rather than shown as identifiers; an empty string when nothing along the path has one.
 */
export function labelPath(schema: z.ZodType | undefined, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let s = schema;
  for (const key of path) {
    const next = s && child(s, typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : key);
    if (typeof key === 'number' || /^\d+$/.test(String(key))) {
      const row = `第${Number(key) + 1}行`;
      if (parts.length) parts[parts.length - 1] += row;
      else parts.push(row);
    } else {
      const label = next && labelOf(next);
      if (label) parts.push(label);
    }
    s = next;
  }
  return parts.join(' · ');
}
