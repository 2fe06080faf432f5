import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { anchorFrom } from '../events/time/anchor.js';
import { resolveTimes } from '../events/time/resolve.js';
import type { TimeExpression } from '../events/time/types.js';
import { tokenize } from '../language/tokenize.js';
import { PACKAGE_ROOT } from '../version.js';
import type { Evaluation } from './registry.js';
import { formatTable } from './table.js';

export const TIME_WRITTEN_SET = join(PACKAGE_ROOT, 'data', 'time', 'written.json');
export const TIME_POLNEAR_SET = join(PACKAGE_ROOT, 'data', 'time', 'polnear-train.jsonl');
export const POLNEAR_TRAIN = join(PACKAGE_ROOT, '..', 'shared', 'data', 'polnear', 'train.jsonl');
/** PolNeAR's publishers are US outlets: their dates are read in New York time. */
const POLNEAR_ZONE = 'America/New_York';

export interface TimeItem {
  set: string;
  where: string;
  start: number;
  end: number;
  text: string;
  value: string | null;
  granularity: string | null;
  got: TimeExpression | null;
  correct: boolean;
}

export interface TimeScore {
  items: TimeItem[];
  skipped: string[];
}

/** Right when a found expression overlaps the gold one with the same value and granularity; a null gold value (not a
 * date) is right when nothing dated is found there. */
function judge(times: TimeExpression[], start: number, end: number, value: string | null, granularity: string | null): { got: TimeExpression | null; correct: boolean } {
  const got = times.find((t) => t.span.start < end && start < t.span.end && t.value !== null) ?? null;
  if (value === null) return { got, correct: got === null };
  return { got, correct: !!got && got.value === value && (got.granularity ?? null) === (granularity ?? null) };
}

function resolveText(text: string, anchorValue: string, zone: string): TimeExpression[] {
  const anchor = anchorFrom(anchorValue, zone);
  const { sentences } = tokenize(text);
  return resolveTimes(text, { anchorAt: () => anchor, sentences });
}

export function scoreWritten(path = TIME_WRITTEN_SET): TimeItem[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as {
    paragraphs: Array<{ style: string; anchor: string; zone: string; text: string; expect: Array<[string, string | null, string | null, number?]> }>;
  };
  const items: TimeItem[] = [];
  for (const p of data.paragraphs) {
    const times = resolveText(p.text, p.anchor, p.zone);
    for (const [phrase, value, granularity, occurrence] of p.expect) {
      let start = -1;
      for (let k = 0; k <= (occurrence ?? 0); k++) start = p.text.indexOf(phrase, start + 1);
      if (start < 0) throw new Error(`${path}: "${phrase}" is not in the paragraph "${p.style}"`);
      const end = start + phrase.length;
      items.push({ set: 'written', where: p.style, start, end, text: phrase, value, granularity, ...judge(times, start, end, value, granularity) });
    }
  }
  return items;
}

/** The PolNeAR half: expressions stored as (article, offsets, value); the texts are read from ../shared. */
export function scorePolnear(setPath = TIME_POLNEAR_SET, corpus = POLNEAR_TRAIN): TimeItem[] | null {
  if (!existsSync(corpus)) return null;
  const gold = readFileSync(setPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { article: string; start: number; end: number; value: string | null; granularity: string | null });
  const wanted = new Set(gold.map((g) => g.article));
  const articles = new Map<string, { text: string; date: string }>();
  for (const line of readFileSync(corpus, 'utf8').split('\n')) {
    if (!line) continue;
    const d = JSON.parse(line) as { id: string; text: string; meta: { publication_date: string } };
    if (wanted.has(d.id)) articles.set(d.id, { text: d.text, date: d.meta.publication_date });
  }
  const cache = new Map<string, TimeExpression[]>();
  return gold.map((g) => {
    const a = articles.get(g.article);
    if (!a) throw new Error(`${corpus}: no article ${g.article}`);
    let times = cache.get(g.article);
    if (!times) cache.set(g.article, (times = resolveText(a.text, a.date, POLNEAR_ZONE)));
    return { set: 'polnear-train', where: g.article, start: g.start, end: g.end, text: a.text.slice(g.start, g.end), value: g.value, granularity: g.granularity, ...judge(times, g.start, g.end, g.value, g.granularity) };
  });
}

export function scoreTime(): TimeScore {
  const items = scoreWritten();
  const skipped: string[] = [];
  const polnear = scorePolnear();
  if (polnear) items.push(...polnear);
  else skipped.push(`polnear-train half skipped: ${POLNEAR_TRAIN} is absent`);
  return { items, skipped };
}

export const timeEvaluation: Evaluation = {
  name: 'time',
  usage: 'time [--review]   time-expression accuracy on data/time (written set + PolNeAR train sentences read from ../shared)',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { review: { type: 'boolean', default: false } } });
    const { items, skipped } = scoreTime();
    for (const s of skipped) io.err(`newsledger eval time: ${s}`);
    const rows: Array<Array<string | number>> = [['set', 'correct', 'total', 'accuracy']];
    for (const set of [...new Set(items.map((i) => i.set)), 'all']) {
      const these = set === 'all' ? items : items.filter((i) => i.set === set);
      const correct = these.filter((i) => i.correct).length;
      rows.push([set, correct, these.length, these.length ? (correct / these.length).toFixed(3) : '-']);
    }
    io.out(formatTable(rows));
    if (values.review) {
      for (const i of items.filter((x) => !x.correct)) {
        io.out(`  - [${i.set}] "${i.text}" expected ${i.value ?? 'no date'} (${i.granularity ?? '-'}), got ${i.got ? `"${i.got.span.text}" ${i.got.value} (${i.got.granularity ?? '-'})` : 'nothing'}  (${i.where})`);
      }
    }
    return 0;
  },
};
