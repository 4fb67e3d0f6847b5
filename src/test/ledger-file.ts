import { writeSheet } from '../lib/xlsx';
import { COLUMNS } from '../modules/people/ledger';
import { makeIdNumber } from '../modules/people/rules';

/** A residents ledger .xlsx as a community worker would fill it in. */
export const ledgerFile = (rows: string[][]) => writeSheet('居民台账', COLUMNS, rows);

let seq = Math.floor(Math.random() * 900);
/** A valid ID number no other test uses (random birth date and sequence). */
export const freshId = () => {
  const day = Math.floor(Math.random() * 25000);
  const birth = new Date(Date.UTC(1940, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  return makeIdNumber(String(110101 + Math.floor(Math.random() * 500000)), birth, seq++ % 1000);
};

/** A ledger row: 姓名 身份证号 联系电话 社区 小区 楼栋 单元 户号 现住址 户籍地址 特殊人群 重点人群 */
export const row = (
  name: string,
  id: string,
  extra: Partial<Record<'phone' | 'community' | 'room' | 'tags' | 'address' | 'keyGroup', string>> = {},
) => [
  name,
  id,
  extra.phone ?? '13800000000',
  extra.community ?? '',
  '宇光小区',
  '3栋',
  '1单元',
  extra.room ?? '101',
  extra.address ?? '哈尔滨市平房区宇光小区3栋1单元101室',
  '',
  extra.tags ?? '',
  extra.keyGroup ?? '',
];

/** A multipart body holding one file in field "file". */
export function multipart(data: Buffer, filename = 'ledger.xlsx') {
  const boundary = `----fangyi${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
