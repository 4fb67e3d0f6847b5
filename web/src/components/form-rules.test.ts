import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../src/modules/people/rules';
import { idNumberRule, normalizeInput, phoneRule, timeRule } from './form-rules';

const run = async (rule: typeof idNumberRule, value: unknown) => {
  const r = typeof rule === 'function' ? rule({} as never) : rule;
  try {
    await (r.validator as (rule: unknown, v: unknown) => Promise<void>)({}, value);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
};
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('the console forms check as the server does', () => {
  const id = makeIdNumber('230103', '1990-01-01', 12);

  it('takes full-width ID numbers and phones, normalised to half-width', async () => {
    expect(normalizeInput(fullWidth(id))).toBe(id);
    expect(await run(idNumberRule, fullWidth(id))).toBeUndefined();
    expect(await run(phoneRule, fullWidth('13800138000'))).toBeUndefined();
    expect(await run(idNumberRule, '')).toBeUndefined();
  });

  it('refuses a wrong check digit, a short phone and a malformed time in the server’s words', async () => {
    expect(await run(idNumberRule, `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`)).toBe('身份证号校验位错误');
    expect(await run(phoneRule, '1391234')).toBe('手机号应为11位数字，以13至19开头');
    expect(await run(timeRule, '8:30')).toBe('时间格式应为 时:分（如 08:30）');
    expect(await run(timeRule, '08:30')).toBeUndefined();
  });
});
