// A progress line for long runs on a terminal: "[#####-----] 120/400 documents, 35/s". Drawn on standard error only
// when it is a TTY (a log file or a pipe gets the final summary alone), and at most a few times a second.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const WIDTH = 24;
const REDRAW_MS = 100;

export class Progress {
  private done = 0;
  private last = 0;
  private readonly started = Date.now();

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly total: number | null,
    private readonly unit = 'documents',
  ) {}

  /** A bar on a terminal, nothing elsewhere. */
  static forStderr(total: number | null, unit?: string): Progress | null {
    return process.stderr.isTTY ? new Progress(process.stderr, total, unit) : null;
  }

  tick(): void {
    this.done++;
    const now = Date.now();
    if (now - this.last >= REDRAW_MS || this.done === this.total) {
      this.last = now;
      this.draw();
    }
  }

  private draw(): void {
    const rate = this.done / Math.max(0.001, (Date.now() - this.started) / 1000);
    const bar = this.total ? `[${'#'.repeat(Math.round((WIDTH * this.done) / this.total)).padEnd(WIDTH, '-')}] ${this.done}/${this.total}` : `${this.done}`;
    this.stream.write(`\r${bar} ${this.unit}, ${rate.toFixed(rate < 10 ? 1 : 0)}/s\x1b[K`);
  }

  /** Clears the line, so a message or the summary prints on a clean line. */
  clear(): void {
    this.stream.write('\r\x1b[K');
  }
}

/** How many text files the paths name (folders walked), for the bar's total; null when it cannot be told cheaply. */
export function countTextInputs(paths: string[], kind: 'text' | 'jsonl'): number | null {
  if (kind !== 'text' || paths.includes('-')) return null;
  let n = 0;
  const walk = (p: string) => {
    try {
      if (!statSync(p).isDirectory()) {
        n++;
        return;
      }
      for (const e of readdirSync(p)) {
        const child = join(p, e);
        if (/\.txt$/i.test(e) || statSync(child).isDirectory()) walk(child);
      }
    } catch {
      n++; // reported as a failure by ingest, but still one input
    }
  };
  for (const p of paths) walk(p);
  return n;
}
