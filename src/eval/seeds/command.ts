import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Evaluation } from '../registry.js';
import { formatTable } from '../table.js';
import { PACKAGE_ROOT } from '../../version.js';
import { loadGold } from './gold.js';
import { analyzeSeeds } from './run.js';
import type { SectionResult } from './section.js';
import { SEEDS_SECTIONS } from './sections.js';

export const DEFAULT_SEEDS_GOLD = join(PACKAGE_ROOT, 'examples', 'seeds.gold.json');

export const seedsEvaluation: Evaluation = {
  name: 'seeds',
  usage:
    'seeds [--gold FILE] [--docs DIR] [--section NAME] [--review]\n' +
    '        score structure, entities, quotes, events and claims against a hand annotation in the form of\n' +
    '        examples/seeds.gold.json (default: the bundled one; --docs defaults to the folder "seeds" beside it)',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        gold: { type: 'string' },
        docs: { type: 'string' },
        section: { type: 'string' },
        review: { type: 'boolean', default: false },
      },
    });
    const goldPath = values.gold ?? DEFAULT_SEEDS_GOLD;
    if (!existsSync(goldPath)) throw new Error(`no gold file at ${goldPath}`);
    const docs = values.docs ?? join(dirname(goldPath), 'seeds');
    const results = scoreSeeds(goldPath, docs, values.section);
    for (const result of results) {
      io.out(renderSection(result, values.review));
      io.out('');
    }
    return 0;
  },
};

export function scoreSeeds(goldPath: string, docsDir: string, only?: string): SectionResult[] {
  const run = analyzeSeeds(loadGold(goldPath), docsDir);
  return SEEDS_SECTIONS.filter((s) => !only || s.name === only).map((s) => s.score(run));
}

export function renderSection(result: SectionResult, review: boolean): string {
  const rows: Array<Array<string | number>> = [[result.section, 'correct', 'total', 'score', 'detail']];
  for (const r of result.rows) {
    const score = r.total ? r.correct / r.total : 0;
    rows.push([r.name, r.correct, r.total, score.toFixed(3), r.detail ?? '']);
  }
  let out = result.rows.length ? formatTable(rows) : `${result.section}: not scored yet`;
  if (review && result.review.length) out += '\n  review:\n' + result.review.map((l) => `  - ${l}`).join('\n');
  return out;
}
