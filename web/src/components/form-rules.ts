/**
 * Ant Design Form rules with the server's own checks (the pure rules the contracts use), so a form refuses on
 * the spot what the server would refuse, in the same words. Reusable by every form that takes an ID number, a
 * mobile or a time: `<Form.Item name="idNumber" normalize={normalizeInput} rules={[idNumberRule]}>`.
 */
import type { FormRule } from 'antd';
import {
  CLOCK_TIME,
  CLOCK_TIME_MESSAGE,
  isMobilePhone,
  MOBILE_MESSAGE,
  normalizeText,
  normalPhone,
} from '../../../src/kit/input-rules';
import { idNumberProblem } from '../../../src/modules/people/rules';

/**
 * A Form.Item `normalize`: full-width letters, digits and signs as typed by a Chinese input method (２３０１…,
 * １３８…) become half-width, as the server normalises them (src/kit/text.ts), so the check sees the same value.
 */
export const normalizeInput = (value: unknown) => (typeof value === 'string' ? normalizeText(value) : value);

/** An optional field checked by `problem` when filled; `required` rules stay separate. */
const check =
  (problem: (v: string) => string | undefined): FormRule =>
  () => ({
    validator: async (_rule, value: unknown) => {
      const v = typeof value === 'string' ? normalizeText(value).trim() : '';
      const p = v ? problem(v) : undefined;
      if (p) throw new Error(p);
    },
  });

/** A national ID number (GB 11643): 18 characters, a real birth date, the right check digit. */
export const idNumberRule = check((v) => idNumberProblem(v)?.zh);

/** A mainland mobile number: 11 digits from 13x to 19x. */
export const phoneRule = check((v) => (isMobilePhone(v) ? undefined : MOBILE_MESSAGE.zh));

/** A phone one can call back: a mobile, or a landline with its area code (contacts: a family's fixed line). */
export const callablePhoneRule = check((v) => (normalPhone(v) ? undefined : '联系电话应为11位手机号或带区号的固定电话'));

/** A wall-clock time as trajectories print it: 08:30 (24:00 closes a day). */
export const timeRule = check((v) => (CLOCK_TIME.test(v) ? undefined : CLOCK_TIME_MESSAGE.zh));
