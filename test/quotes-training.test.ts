// The quote training path on a small corpus written here (no PolNeAR needed): every model file is written and loads,
// the taggers learn the written attributions, and the boundary rankers learn a boundary convention the taggers' runs
// get wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenize } from '../src/language/tokenize.js';
import { BOUNDARY_FILES, loadBoundaryModels, rechooseBoundaries } from '../src/quotes/boundaries.js';
import { loadQuoteModels, MODEL_DIR, quoteModelDir, STAGES } from '../src/quotes/model.js';
import { B, BioTagger, I, runsOf } from '../src/quotes/perceptron.js';
import { ATTRIBUTION_SETTINGS } from '../src/quotes/settings.js';
import { layoutOf, tagUnits } from '../src/quotes/tagging.js';
import { trainBoundaries, type BoundaryUnit } from '../src/train/quoteBoundaries.js';
import { meanTagger, SEED, trainQuotes } from '../src/train/quotes.js';

const NAMES = ['Maria Lopez', 'Tom Reed', 'Aisha Khan', 'Piotr Nowak', 'Chen Wei', 'Sara Berg', 'Omar Said', 'Lena Fischer'];
const ROLES = ['the mayor', 'a union official', 'the council leader', 'a police spokesman'];
const CLAUSES = ['the bridge would reopen next week', 'fares would rise in March', 'the strike had been called off', 'the budget was balanced', 'the new school would open in the autumn', 'no decision had been taken'];
const CUES = ['said', 'told reporters', 'added', 'warned'];

/** A PolNeAR-format article: "NAME, ROLE, CUE that CLAUSE, but TAIL." with the content, source and cue marked. */
function article(k: number): string {
  let text = 'Residents gathered outside the town hall on Monday evening.\n\n';
  const quotes: object[] = [];
  for (let p = 0; p < 4; p++) {
    const name = NAMES[(k + p) % NAMES.length]!;
    const role = ROLES[(k * 3 + p) % ROLES.length]!;
    const cue = CUES[(k + 2 * p) % CUES.length]!;
    const clause = CLAUSES[(k * 5 + p) % CLAUSES.length]!;
    const src = `${name}, ${role},`;
    const start = text.length;
    text += `${src} ${cue} that ${clause}, but the crowd was not convinced.\n\n`;
    const cueStart = start + src.length + 1;
    const contentStart = cueStart + cue.length + ' that '.length;
    quotes.push({ speaker_start: start, speaker_end: start + src.length, cue_start: cueStart, cue_end: cueStart + cue.length, content_start: contentStart, content_end: contentStart + clause.length });
  }
  return JSON.stringify({ id: `synthetic-${k}`, split: 'train', text, quotes });
}

/** 16 synthetic training and 4 dev articles in `dir`, as PolNeAR-format files. */
function writeSplits(dir: string): { trainPath: string; devPath: string } {
  const trainPath = join(dir, 'train.jsonl');
  const devPath = join(dir, 'dev.jsonl');
  writeFileSync(trainPath, Array.from({ length: 16 }, (_, k) => article(k)).join('\n'));
  writeFileSync(devPath, Array.from({ length: 4 }, (_, k) => article(100 + k)).join('\n'));
  return { trainPath, devPath };
}

test('training: every quote model is written, loads, and finds the attributions it was taught', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'nl-quotes-train-'));
  try {
    const { trainPath, devPath } = writeSplits(dir);
    const out = join(dir, 'models');
    trainQuotes(trainPath, devPath, out, () => {}, { maxEpochs: 2 });
    const files = readdirSync(out).sort();
    assert.deepEqual(files, [...STAGES.map((s) => `${s}.bin.gz`), ...Object.values(BOUNDARY_FILES)].sort());
    const models = loadQuoteModels(out);
    assert.ok(models);
    const rankers = loadBoundaryModels(out);
    assert.ok(rankers.content && rankers.source && rankers.cue);
    const text = 'Lena Fischer, the mayor, said that the budget was balanced, but the crowd was not convinced.';
    const { tokens } = tokenize(text);
    const [tu] = tagUnits(layoutOf(text, tokens, []).units, models, ATTRIBUTION_SETTINGS);
    const words = (labels: Uint8Array) => runsOf(labels).map(([a, b]) => text.slice(tu!.unit.tokens[a]!.start, tu!.unit.tokens[b - 1]!.end));
    assert.deepEqual(words(tu!.cue), ['said']);
    assert.ok(words(tu!.content).some((c) => c.startsWith('the budget was balanced')), words(tu!.content).join(' | '));
    // $NEWSLEDGER_QUOTE_MODELS points both loaders' default at another directory (eval quotes of a retrain).
    const saved = process.env.NEWSLEDGER_QUOTE_MODELS;
    try {
      process.env.NEWSLEDGER_QUOTE_MODELS = out;
      assert.equal(quoteModelDir(), out);
      assert.deepEqual(loadQuoteModels()!.trans, models.trans);
      assert.equal(loadQuoteModels()!.scale, models.scale);
      assert.deepEqual(loadBoundaryModels().content!.start, rankers.content.start);
      process.env.NEWSLEDGER_QUOTE_MODELS = dir; // no model files there
      assert.equal(loadQuoteModels(), null);
      assert.equal(loadBoundaryModels().source, null);
    } finally {
      if (saved === undefined) delete process.env.NEWSLEDGER_QUOTE_MODELS;
      else process.env.NEWSLEDGER_QUOTE_MODELS = saved;
    }
    assert.equal(quoteModelDir(), saved || MODEL_DIR);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Paragraphs "NAME said that CLAUSE, but …": the tagger's content run goes on to the full stop; gold ends at the comma. */
const boundaryText = (k: number) => `${NAMES[k % 8]} said that ${CLAUSES[k % 6]}, but the crowd was not convinced.`;
function boundaryUnits(from: number, count: number): BoundaryUnit[] {
  return Array.from({ length: count }, (_, k) => {
    const t = boundaryText(from + k);
    const unit = layoutOf(t, tokenize(t).tokens, []).units[0]!;
    const toks = unit.tokens;
    const n = toks.length;
    const thatAt = toks.findIndex((x) => x.text === 'that');
    const commaAt = toks.findIndex((x) => x.text === ',');
    const lab = (a: number, b: number) => {
      const out = new Uint8Array(n);
      out[a] = B;
      for (let i = a + 1; i < b; i++) out[i] = I;
      return out;
    };
    const cue = lab(thatAt - 1, thatAt);
    // The tagger's run goes on to the full stop; the gold content ends at the comma.
    return { unit, cue, labels: lab(thatAt + 1, n - 1), gold: lab(thatAt + 1, commaAt) };
  });
}

test('training: the boundary rankers learn to end a content before ", but …" where the tagger ran on', () => {
  const model = trainBoundaries(boundaryUnits(0, 40), boundaryUnits(40, 8), 1, () => {});
  for (const u of boundaryUnits(80, 4)) {
    const out = rechooseBoundaries(model, u.unit, u.cue, u.labels);
    assert.deepEqual(runsOf(out), runsOf(u.gold));
  }
});

test('training: --seed and --bag: the defaults are the committed settings; a bag of K is the mean of K perceptrons', { timeout: 300_000 }, () => {
  const a = new BioTagger(new Float32Array([1, -2, 0.5]), new Float32Array([0, 3]));
  const b = new BioTagger(new Float32Array([3, 2, 0.25]), new Float32Array([1, -3]));
  const m = meanTagger([a, b]);
  assert.deepEqual([...m.weights], [2, 0, 0.375]);
  assert.deepEqual([...m.trans], [0.5, 0]);
  assert.equal(meanTagger([a]), a);
  const dir = mkdtempSync(join(tmpdir(), 'nl-quotes-bag-'));
  try {
    const { trainPath, devPath } = writeSplits(dir);
    const train = (name: string, options: { seed?: number; bag?: number }) => {
      trainQuotes(trainPath, devPath, join(dir, name), () => {}, { maxEpochs: 2, ...options });
      return (file: string) => readFileSync(join(dir, name, file));
    };
    const plain = train('plain', {});
    const explicit = train('explicit', { seed: SEED, bag: 1 });
    const bagged = train('bagged', { bag: 2 });
    for (const f of [...STAGES.map((s) => `${s}.bin.gz`), ...Object.values(BOUNDARY_FILES)]) assert.deepEqual(explicit(f), plain(f), f);
    assert.notDeepEqual(bagged('cue.bin.gz'), plain('cue.bin.gz'));
    const models = loadQuoteModels(join(dir, 'bagged'))!;
    const text = 'Lena Fischer, the mayor, said that the budget was balanced, but the crowd was not convinced.';
    const [tu] = tagUnits(layoutOf(text, tokenize(text).tokens, []).units, models, ATTRIBUTION_SETTINGS);
    assert.deepEqual(runsOf(tu!.cue).map(([x, y]) => text.slice(tu!.unit.tokens[x]!.start, tu!.unit.tokens[y - 1]!.end)), ['said']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('training: bagged boundary rankers (3 perceptrons averaged) learn the convention too', () => {
  const single = trainBoundaries(boundaryUnits(0, 40), boundaryUnits(40, 8), 1, () => {});
  const model = trainBoundaries(boundaryUnits(0, 40), boundaryUnits(40, 8), 1, () => {}, { bag: 3 });
  assert.notDeepEqual(model.end, single.end);
  for (const u of boundaryUnits(80, 4)) assert.deepEqual(runsOf(rechooseBoundaries(model, u.unit, u.cue, u.labels)), runsOf(u.gold));
});
