import { describe, expect, it } from 'vitest';
import { idNumberField, mobileField } from '../modules/people/contract';
import { makeIdNumber } from '../modules/people/rules';
import { createContacts, createPositive } from '../modules/surveillance/contract';
import { labelPath } from './labels';
import { text } from './text';

/** Full-width forms of an ASCII string, as a Chinese input method types them: １２３Ｘ. */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('labels and normalisation of input', () => {
  it('says a path with the labels along it, rows counted from 1', () => {
    expect(labelPath(createContacts, ['contacts', 0, 'idNumber'])).toBe('密接第1行 · 身份证号');
    expect(labelPath(createPositive, ['trajectory', '2', 'times', '0', 'from'])).toBe('活动轨迹第3行 · 时间第1行 · 开始时间');
    expect(labelPath(createPositive, ['trajectory', 0, 'stop', 'line'])).toBe('活动轨迹第1行 · 地点 · 乘坐线路');
    expect(labelPath(createPositive, ['account', 'arrival', 'flight'])).toBe('流调信息 · 抵达信息 · 航班或车次');
    expect(labelPath(createContacts, ['nothing'])).toBe('');
  });

  it('takes full-width ID numbers and phones as their half-width values (NFKC of the full-width forms)', () => {
    const id = makeIdNumber('230103', '1990-01-01', 12);
    expect(idNumberField().parse(fullWidth(id))).toBe(id);
    expect(idNumberField().parse(fullWidth(`${id.slice(0, 17)}x`.replace(/.$/, id.at(-1) as string)))).toBe(id);
    expect(mobileField().parse(`　${fullWidth('13800138000')} `)).toBe('13800138000');
    const contacts = createContacts.parse({
      contacts: [{ kind: 'close', name: '张三', idNumber: fullWidth(id), phone: fullWidth('13900139000'), sourcePositiveId: 1 }],
    });
    expect(contacts.contacts[0]).toMatchObject({ idNumber: id, phone: '13900139000' });
  });

  it('refuses a wrong check digit, a short phone and a landline, in Chinese', () => {
    const id = makeIdNumber('230103', '1990-01-01', 12);
    const wrong = `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`;
    expect(idNumberField().safeParse(wrong).error?.issues[0]?.message).toMatch(/^身份证号校验位错误/);
    for (const bad of ['138', '1391234', '04518888888', '12800138000'])
      expect(mobileField().safeParse(bad).error?.issues[0]?.message, bad).toMatch(/^手机号应为11位数字/);
  });

  it('folds full-width letters and digits in prose but keeps its full-width punctuation', () => {
    expect(text({ max: 'paragraph' }).parse('南岗区２例，其中ＸＢＢ毒株；')).toBe('南岗区2例，其中XBB毒株；');
    expect(text({ max: 'name' }).parse('Ａ座（１）')).toBe('A座(1)');
    expect(text({ max: 200, trim: false, fold: 'none' }).parse('ｐａｓｓ')).toBe('ｐａｓｓ');
  });
});
