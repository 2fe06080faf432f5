// Scores named PERSON, ORG and PLACE entities with their aliases against the gold `entities` section of the seeds
// annotation: {"PERSON": {"Canonical": ["alias", ...]}, "ORG": {...}, "PLACE": {...}}, aliases verbatim from the text.
//
// Entities: a gold entity is found when a predicted named entity shares a surface form with it (canonical name,
// aliases, or the text of its name/alias/metonymy mentions; compared case- and apostrophe-folded), one to one,
// greedily by overlap. Type is not required for the match (the Kremlin or the White House are an organisation or a
// place depending on the annotator) and is reported in its own row. Precision counts predicted named
// PERSON/ORG/PLACE entities of all documents, merged by id across documents like the gold merges them.
// Aliases: (entity, alias) pairs. A gold pair is found when its alias is among the matched entity's aliases or roles
// (the gold lists role phrases such as "Russia's foreign minister" with the aliases); a predicted pair (an entry of
// `aliases`) is correct when the gold lists it for the matched entity.
import type { NewsRecord } from '../../model/record.js';
import { matchGreedy } from '../../util/matching.js';
import { prf } from '../table.js';
import type { ScoreRow, SectionResult, SeedsSection } from './section.js';

const SCORED_TYPES = ['PERSON', 'ORG', 'PLACE'] as const;

interface GoldEntity {
  type: string;
  name: string;
  aliases: Set<string>;
}

interface PredEntity {
  id: string;
  type: string;
  name: string;
  aliases: Set<string>;
  roles: Set<string>;
  forms: Set<string>;
}

/** Case, apostrophes, full stops and spacing folded: "Russia’s" = "Russia's", "Washington D.C." = "Washington DC". */
export function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'").replace(/[.,]/g, '').replace(/\s+/g, ' ').trim();
}

function goldEntities(gold: Record<string, unknown> | undefined): GoldEntity[] {
  const out: GoldEntity[] = [];
  for (const type of SCORED_TYPES) {
    const group = gold?.[type];
    if (!group || typeof group !== 'object') continue;
    for (const [name, aliases] of Object.entries(group as Record<string, unknown>)) {
      const list = Array.isArray(aliases) ? aliases.filter((a): a is string => typeof a === 'string') : [];
      out.push({ type, name, aliases: new Set(list.map(fold)) });
    }
  }
  return out;
}

/** Predicted named entities of every record, merged by id (the run links documents). */
export function predictedEntities(records: Iterable<NewsRecord>): PredEntity[] {
  const byId = new Map<string, PredEntity>();
  for (const r of records) {
    for (const e of r.entities) {
      if (!e.named || !(SCORED_TYPES as readonly string[]).includes(e.type)) continue;
      let p = byId.get(e.id);
      if (!p) byId.set(e.id, (p = { id: e.id, type: e.type, name: e.name, aliases: new Set(), roles: new Set(), forms: new Set() }));
      p.forms.add(fold(e.name));
      for (const a of e.aliases) {
        p.aliases.add(fold(a));
        p.forms.add(fold(a));
      }
      for (const role of e.roles) p.roles.add(fold(role));
      for (const m of e.mentions) {
        if (m.kind === 'name' || m.kind === 'alias' || m.kind === 'metonymy') p.forms.add(fold(m.span.text));
        if (m.kind === 'role') p.roles.add(fold(m.span.text));
      }
    }
  }
  return [...byId.values()];
}

function overlap(g: GoldEntity, p: PredEntity): number {
  let n = p.forms.has(fold(g.name)) ? 1 : 0;
  for (const a of g.aliases) if (p.forms.has(a)) n++;
  return n;
}

export function scoreEntities(goldSection: Record<string, unknown> | undefined, records: Iterable<NewsRecord>): SectionResult {
  const gold = goldEntities(goldSection);
  const pred = predictedEntities(records);
  // Greedy one-to-one matching by overlap, largest first.
  const pairs: Array<{ g: GoldEntity; p: PredEntity; n: number }> = [];
  for (const g of gold) for (const p of pred) {
    const n = overlap(g, p);
    if (n > 0) pairs.push({ g, p, n });
  }
  pairs.sort((a, b) => b.n - a.n);
  const matchOf = matchGreedy(pairs.map(({ g, p }) => [g, p] as const));
  const taken = new Set(matchOf.values());
  const review: string[] = [];
  let typeOk = 0;
  let goldPairs = 0;
  let foundPairs = 0;
  let predPairs = 0;
  let correctPairs = 0;
  for (const g of gold) {
    const p = matchOf.get(g);
    goldPairs += g.aliases.size;
    if (!p) {
      review.push(`missed ${g.type} "${g.name}"`);
      continue;
    }
    if (p.type === g.type) typeOk++;
    else review.push(`type: "${g.name}" is ${g.type} in the gold, ${p.type} here`);
    for (const a of g.aliases) {
      if (p.aliases.has(a) || p.roles.has(a)) foundPairs++;
      else review.push(`missed alias "${a}" of "${g.name}"`);
    }
    predPairs += p.aliases.size;
    for (const a of p.aliases) {
      if (g.aliases.has(a) || a === fold(g.name)) correctPairs++;
      else review.push(`extra alias "${a}" of "${g.name}"`);
    }
  }
  for (const p of pred) {
    if (taken.has(p)) continue;
    review.push(`extra ${p.type} "${p.name}" (${p.id})`);
  }
  const ent = prf(matchOf.size, pred.length, gold.length);
  const aliasP = predPairs ? correctPairs / predPairs : 0;
  const aliasR = goldPairs ? foundPairs / goldPairs : 0;
  const aliasF = aliasP + aliasR ? (2 * aliasP * aliasR) / (aliasP + aliasR) : 0;
  // Entities with aliases, as one figure: entity-level and alias-level units pooled.
  const pooledP = pred.length + predPairs ? (matchOf.size + correctPairs) / (pred.length + predPairs) : 0;
  const pooledR = gold.length + goldPairs ? (matchOf.size + foundPairs) / (gold.length + goldPairs) : 0;
  const pooledF = pooledP + pooledR ? (2 * pooledP * pooledR) / (pooledP + pooledR) : 0;
  const rows: ScoreRow[] = [
    { name: 'entities recall', correct: matchOf.size, total: gold.length, predicted: pred.length, detail: `F1 ${ent.f1.toFixed(3)}` },
    { name: 'entities precision', correct: matchOf.size, total: pred.length, detail: `P ${ent.p.toFixed(3)}` },
    { name: 'type agreement', correct: typeOk, total: matchOf.size },
    { name: 'aliases recall', correct: foundPairs, total: goldPairs, detail: `F1 ${aliasF.toFixed(3)}` },
    { name: 'aliases precision', correct: correctPairs, total: predPairs, detail: `P ${aliasP.toFixed(3)}` },
    {
      name: 'entities+aliases recall',
      correct: matchOf.size + foundPairs,
      total: gold.length + goldPairs,
      detail: `F1 ${pooledF.toFixed(3)} (P ${pooledP.toFixed(3)})`,
    },
  ];
  return { section: 'entities', rows, review };
}

export const entitiesSection: SeedsSection = {
  name: 'entities',
  score(run) {
    return scoreEntities(run.gold.entities, run.records.values());
  },
};
