import { text } from '../../kit/text';

/** A tube barcode as printed on the tube: 4-40 letters, digits or hyphens. */
export const BARCODE = /^[A-Za-z0-9-]{4,40}$/;

/** A barcode in its one stored form, whoever types it (the sampler's scanner, a lab's file): upper case. */
export const canonicalBarcode = (s: string) => s.toUpperCase();

/** The barcode field of every input that names a tube: checked, then stored and looked up upper-cased. */
export const tubeBarcode = (label = '试管条码') =>
  text({
    max: 40,
    pattern: { regex: BARCODE, message: '应为4-40位字母、数字或连字符 (letters, digits or hyphens, 4 to 40)' },
    label,
  }).transform(canonicalBarcode);
