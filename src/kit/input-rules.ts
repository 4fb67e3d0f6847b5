/**
 * The pure rules of input both sides apply: the server's contracts (src/kit/text.ts) and the console's forms
 * (web/src/components/form-rules.ts) import them, so a value the form lets through is one the server takes.
 * No zod here: the console bundles this file.
 */

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;

/**
 * What every identifier-like text input is normalised to before it is checked: canonical composition (NFC) and
 * the full-width forms of ASCII (ＩＤ１２３, ＋８６, the ideographic space) folded to their half-width letters,
 * digits and signs: the NFKC mapping of exactly those characters. The rest of NFKC is left out on purpose.
 */
export const normalizeText = (value: string) => value.normalize('NFC').replace(FULL_WIDTH, (c) => c.normalize('NFKC'));

/**
 * Prose (addresses, paragraphs of a bulletin) folds letters and digits only: full NFKC would turn the full-width
 * punctuation （，；：） the templates print as the house style wants into ASCII.
 */
export const normalizeProse = (value: string) => value.normalize('NFC').replace(FULL_WIDTH_ALNUM, (c) => c.normalize('NFKC'));

/** A wall-clock time as trajectories print it: 07:22; 24:00 closes a day. */
export const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const CLOCK_TIME_MESSAGE = { zh: '时间格式应为 时:分（如 08:30）', en: 'a time as HH:MM, e.g. 08:30' };

/** A mainland mobile number: 11 digits from 13x to 19x. */
export const isMobilePhone = (phone: string) => /^1[3-9]\d{9}$/.test(phone);
export const MOBILE_MESSAGE = { zh: '手机号应为11位数字，以13至19开头', en: 'a mobile number: 11 digits starting 13 to 19' };

/**
 * A phone as its digits, or null when it is none: an 11-digit mobile (1[3-9]…, a leading +86 dropped) or a
 * landline with its area code (0 and 2–3 digits, then 7–8 digits: 0451-86661234). Full-width digits count
 * (NFKC); "138" and a 7-digit number without its area code are not phones one can call back.
 */
export function normalPhone(raw: string): string | null {
  const t = raw.normalize('NFKC').replace(/[\s\-()]/g, '');
  const mobile = t.replace(/^(\+|00)?86(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(mobile)) return mobile;
  if (/^0\d{9,11}$/.test(t) && !/^0{2}/.test(t)) return t;
  return null;
}
