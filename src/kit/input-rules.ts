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
