import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../version.js';

/** A reviewed word list under data/: one entry a line, trimmed; blank lines and lines starting with '#' (the file's
 * notes on why its entries are there) are left out. Case is kept: each reader decides how it compares. */
export function readWordList(...path: string[]): string[] {
  return readFileSync(join(PACKAGE_ROOT, 'data', ...path), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
}
