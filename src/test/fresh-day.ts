/**
 * A report day no other test file and no earlier run uses: positives are numbered per day, and the test
 * database outlives runs, so a handful of near years collided within a few dozen runs. Any year from 2100 to
 * 9999, any month, a day from 10 to 27 (two-digit, and the next day is in the same month).
 */
export function freshDay(): string {
  const year = 2100 + Math.floor(Math.random() * 7900);
  const month = 1 + Math.floor(Math.random() * 12);
  const day = 10 + Math.floor(Math.random() * 18);
  return `${year}-${String(month).padStart(2, '0')}-${day}`;
}
