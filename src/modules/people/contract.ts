import { z } from 'zod';
import { isMobilePhone, MOBILE_MESSAGE } from '../../kit/input-rules';
import { keyset, keysetPage } from '../../kit/keyset';
import { text } from '../../kit/text';
import { idNumberProblem, KEY_GROUP_KEYS, TAG_KEYS } from './rules';

/** An 18-character national ID number (GB 11643): format, birth date and check digit, full-width digits folded. */
export const idNumberField = (label = '身份证号') =>
  text({ max: 18, label }).superRefine((v, c) => {
    const problem = idNumberProblem(v);
    if (problem) c.addIssue({ code: 'custom', message: `${problem.zh} (${problem.en})` });
  });

/** A mainland mobile number (11 digits, 13x to 19x), full-width digits folded. */
export const mobileField = (label = '手机号') =>
  text({ max: 11, label }).refine(isMobilePhone, `${MOBILE_MESSAGE.zh} (${MOBILE_MESSAGE.en})`);

/** The residents list's order and cursor: the household's path, then the id (index people_terr_path). */
export const residentCursor = keyset(
  z.tuple([
    z
      .string()
      .max(400)
      .regex(/^\/(\d+\/)*$/),
    z.number().int().positive(),
  ]),
);

export const tagSchema = z.enum(TAG_KEYS as [string, ...string[]]);
/** A key group (重点人群, rules.ts KEY_GROUPS): sampled one to a tube in mass testing. */
export const keyGroupSchema = z.enum(KEY_GROUP_KEYS as [string, ...string[]]);

export const person = z.object({
  id: z.number(),
  idNumber: z.string(),
  name: z.string(),
  sex: z.enum(['M', 'F']),
  /** Null in a masked view: with the sex it would narrow the ID number down; `age` is shown instead. */
  birthDate: z.string().nullable(),
  age: z.number(),
  phone: z.string().nullable(),
  householdId: z.number(),
  address: z.string(),
  actualAddress: z.string().nullable(),
  /** Null in a masked view: its area is the ID number's first six digits. */
  registeredAddress: z.string().nullable(),
  tags: z.array(z.string()),
  /** The resident's key group (重点人群), null for none. */
  keyGroup: z.string().nullable(),
  masked: z.boolean(),
});

export const peopleQuery = z.object({
  nodeId: z.coerce.number().int().positive().meta({ label: '辖区' }).optional(),
  /**
   * Part of a name, a whole ID number (rate-limited without people.reveal) or a mobile (people.reveal only); with
   * `by`, part of the address (楼栋、单元、室) or of the compound's name. Full-width input is folded first.
   */
  q: text({ max: 'name', label: '搜索词' }).optional(),
  /** What `q` names: absent, it is read as an ID number, a mobile or part of a name. */
  by: z.enum(['address', 'compound']).meta({ label: '搜索方式' }).optional(),
  tag: z
    .union([tagSchema, z.literal('any')])
    .meta({ label: '人群标签' })
    .optional(),
  /** The `next` of the previous page (keyset: page 5,000 costs what page 1 costs); absent for the first page. */
  after: residentCursor.param.optional(),
  pageSize: z.coerce.number().int().min(1).max(200).meta({ label: '每页条数' }).default(20),
});

/** A keyset page of residents: `total` is exact from the rollup when unfiltered, else the planner's estimate. */
export const peoplePage = keysetPage(person);

/** The fields of a resident a worker types (add and edit), folded (NFKC) before they are checked. */
const written = {
  name: text({ max: 'name', label: '姓名' }),
  /** An 11-digit mobile, or null for none. */
  phone: text({ max: 20, label: '手机号', fold: 'code' }).nullable(),
  tags: z.array(tagSchema).max(TAG_KEYS.length).meta({ label: '人群标签' }),
  /** One key group (重点人群), or null for none. */
  keyGroup: keyGroupSchema.nullable().meta({ label: '重点人群' }),
  registeredAddress: text({ max: 'address', label: '户籍地址' }).nullable(),
};

/** A resident added by hand: the ID number (GB 11643, checked by the service) and the household they live in. */
export const personCreate = z.object({
  idNumber: text({ max: 18, label: '身份证号', fold: 'code' }),
  householdId: z.number().int().positive().meta({ label: '住户' }),
  ...written,
  phone: written.phone.optional().default(null),
  tags: written.tags.optional().default([]),
  keyGroup: written.keyGroup.optional().default(null),
  registeredAddress: written.registeredAddress.optional().default(null),
});

/** An edit of a resident: only the fields given change (the ID number, sex and birth date never do). */
export const personUpdate = z.object(written).partial();

/** A move to another dwelling (户) in the caller's scope. */
export const personMove = z.object({ householdId: z.number().int().positive().meta({ label: '住户' }) });

export const exportQuery = peopleQuery.pick({ nodeId: true, tag: true });
