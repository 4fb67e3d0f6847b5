import { AppError } from '../server/errors';

/**
 * What an uploaded sheet may hold. A file past any of them is refused as soon as the reader meets it, naming
 * the limit, before it can take the server's memory or time: the sizes the zip declares are checked before
 * anything is expanded, the rest while the sheet streams through a worker thread whose heap is capped.
 */
export interface SheetLimits {
  /** Columns a row may fill (A… up to this many); a value further right refuses the file. */
  maxColumns: number;
  /** Columns any cell, even an empty one, may sit in: exceljs walks a row up to its last cell (see the worker). */
  maxCellColumns: number;
  /** Data rows below the header; a row numbered past it refuses the file. */
  maxRows: number;
  maxCellChars: number;
  /** Bytes the zip's entries expand to, in all. */
  maxExpandedBytes: number;
  /** Expanded to compressed, per entry (ordinary sheets stay well under 30:1; a zip bomb is over 1000:1). */
  maxRatio: number;
  /** The worker's old-generation heap. */
  heapMb: number;
  timeoutMs: number;
}

/** A refusal for a limit, raised in the worker and re-raised here with the same code and messages. */
export const limitRefused = (code: string, zh: string, en: string, status = 413) =>
  new AppError(status, `import.${code}`, zh, en);
