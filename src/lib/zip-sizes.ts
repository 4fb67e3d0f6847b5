import { limitRefused, type SheetLimits } from './sheet-limits';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** An .xlsx is a zip: anything without a readable central directory is not one. */
const notAZip = () => new Error('not a zip file');

/**
 * Reads the sizes the zip's central directory declares (a few bytes per entry, nothing expanded) and refuses
 * a file that would expand past `maxExpandedBytes` or whose entry expands more than `maxRatio` times: a 2 MB zip
 * of 2 GB whitespace is refused here in microseconds. Sizes a zip understates are still held by the worker's
 * heap cap and time limit. Answers the declared size of the first worksheet (progress is reported against it).
 */
export function checkDeclaredSizes(data: Buffer, l: Pick<SheetLimits, 'maxExpandedBytes' | 'maxRatio'>): number {
  const from = Math.max(0, data.length - 65_557);
  let end = -1;
  for (let i = data.length - 22; i >= from; i--)
    if (data.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) throw notAZip();
  const entries = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  // ZIP64 markers: a sheet within our limits never needs them.
  if (entries === 0xffff || at === 0xffffffff) throw tooLarge(l);
  let total = 0;
  let sheet = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL) throw notAZip();
    const compressed = data.readUInt32LE(at + 20);
    const expanded = data.readUInt32LE(at + 24);
    if (compressed === 0xffffffff || expanded === 0xffffffff) throw tooLarge(l);
    total += expanded;
    if (total > l.maxExpandedBytes) throw tooLarge(l);
    if (expanded > 1_000_000 && expanded > l.maxRatio * Math.max(compressed, 1))
      throw limitRefused(
        'zip_ratio',
        `文件解压比超过${l.maxRatio}:1的上限`,
        `The file expands more than ${l.maxRatio} times its compressed size (the limit)`,
      );
    const nameLength = data.readUInt16LE(at + 28);
    if (!sheet && /^xl\/worksheets\/sheet\d+\.xml$/.test(data.toString('utf8', at + 46, at + 46 + nameLength))) sheet = expanded;
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return sheet;
}

const tooLarge = (l: Pick<SheetLimits, 'maxExpandedBytes'>) => {
  const mb = Math.round(l.maxExpandedBytes / 1024 / 1024);
  return limitRefused('zip_expanded', `文件解压后超过${mb} MB的上限`, `The file expands to more than ${mb} MB (the limit)`);
};
