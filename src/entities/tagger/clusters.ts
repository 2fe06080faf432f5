import { readFileSync } from 'node:fs';

/**
 * Word clusters computed from unlabelled news text by src/train/clusters.ts: each word maps to its cluster ids at a
 * few granularities (coarse to fine). File: one "word<TAB>id id id" a line, '#' comments.
 */
export class Clusters {
  constructor(private readonly table: Map<string, string[]>) {}

  of(word: string): string[] | undefined {
    return this.table.get(word);
  }

  /** Every word with its cluster ids (coarse to fine). */
  forEach(visit: (word: string, ids: readonly string[]) => void): void {
    for (const [w, ids] of this.table) visit(w, ids);
  }

  get size(): number {
    return this.table.size;
  }

  static parse(content: string): Clusters {
    const table = new Map<string, string[]>();
    for (const line of content.split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      const tab = line.indexOf('\t');
      if (tab <= 0) continue;
      table.set(line.slice(0, tab), line.slice(tab + 1).split(' '));
    }
    return new Clusters(table);
  }

  static load(path: string): Clusters {
    return Clusters.parse(readFileSync(path, 'utf8'));
  }
}
