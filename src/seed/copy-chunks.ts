const SIZE = 1 << 20;

/**
 * COPY text lines packed as UTF-8 straight into 1 MiB buffers, each later sent as one CopyData message.
 * Joining a batch of lines into one string and encoding it afterwards cost twice the generation itself
 * (V8 flattens thousands of concatenated two-byte strings); writing each line into the buffer does not.
 * A full buffer is never written to again, so it can be queued on a socket as is.
 */
export class CopyChunks {
  private buf = Buffer.allocUnsafe(SIZE);
  private off = 0;
  private full: Buffer[] = [];
  lines = 0;

  readonly put = (line: string): void => {
    // A UTF-8 code unit takes at most 3 bytes; the newline one more.
    if (this.off + line.length * 3 + 1 > SIZE) {
      this.cut();
      if (line.length * 3 + 1 > SIZE) {
        this.full.push(Buffer.from(`${line}\n`));
        this.lines++;
        return;
      }
    }
    this.off += this.buf.write(line, this.off);
    this.buf[this.off++] = 10;
    this.lines++;
  };

  /** Closes the current buffer even if it is not full (at the end of the input). */
  cut(): void {
    if (!this.off) return;
    this.full.push(this.buf.subarray(0, this.off));
    this.buf = Buffer.allocUnsafe(SIZE);
    this.off = 0;
  }

  /** The closed buffers, in order; the caller owns them from now on. */
  take(): Buffer[] {
    const out = this.full;
    this.full = [];
    return out;
  }
}
