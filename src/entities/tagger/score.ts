import { spansOfTags } from './tags.js';

export interface TypeScore {
  type: string;
  gold: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Entity-level scores with conlleval's semantics: a predicted entity counts only when its first token, last token
 * and type all match a gold entity. Tags may be IOB1, IOB2 or BILOU. Returns one row per type (sorted) and 'overall'.
 */
export function conllScores(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): TypeScore[] {
  if (gold.length !== predicted.length) throw new Error(`gold has ${gold.length} sentences, predictions ${predicted.length}`);
  const counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  const row = (type: string) => {
    let r = counts.get(type);
    if (!r) counts.set(type, (r = { gold: 0, predicted: 0, correct: 0 }));
    return r;
  };
  for (let s = 0; s < gold.length; s++) {
    if (gold[s]!.length !== predicted[s]!.length) throw new Error(`sentence ${s}: ${gold[s]!.length} gold tags, ${predicted[s]!.length} predicted`);
    const g = spansOfTags(gold[s]!);
    const p = spansOfTags(predicted[s]!);
    const goldKeys = new Set(g.map((x) => `${x.start}:${x.end}:${x.type}`));
    for (const x of g) row(x.type).gold++;
    for (const x of p) {
      row(x.type).predicted++;
      if (goldKeys.has(`${x.start}:${x.end}:${x.type}`)) row(x.type).correct++;
    }
  }
  const total = { gold: 0, predicted: 0, correct: 0 };
  const rows: TypeScore[] = [];
  for (const type of [...counts.keys()].sort()) {
    const c = counts.get(type)!;
    total.gold += c.gold;
    total.predicted += c.predicted;
    total.correct += c.correct;
    rows.push(finish(type, c));
  }
  rows.push(finish('overall', total));
  return rows;
}

function finish(type: string, c: { gold: number; predicted: number; correct: number }): TypeScore {
  const precision = c.predicted === 0 ? 0 : c.correct / c.predicted;
  const recall = c.gold === 0 ? 0 : c.correct / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { type, gold: c.gold, predicted: c.predicted, correct: c.correct, precision, recall, f1 };
}

export function overallF1(rows: readonly TypeScore[]): number {
  return rows.find((r) => r.type === 'overall')!.f1;
}
