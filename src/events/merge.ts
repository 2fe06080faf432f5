// Merging the reports of one event: within a document (an anaphoric "the attack" joins the event it refers back to;
// two mentions that agree on type, date and place and share a name are one event), and across the documents of a
// run through a bounded cluster list kept in the RunContext. Merging is incremental: a later report joins an earlier
// event (taking its id and its stated date); records already written are not changed.
import type { EntityRef, NewsEvent } from '../model/record.js';
import type { EventMention } from './extract.js';

/** "The attack" refers back at most this many sentences. */
export const ANAPHORA_SENTENCES = 3;
/** Clusters remembered per run: memory stays bounded on endless input (the oldest are forgotten). */
export const MAX_CLUSTERS = 20_000;

export interface EventCluster {
  id: string;
  type: string;
  sub_type: string | null;
  date: NewsEvent['date'];
  dateStated: boolean;
  place: string | null;
  names: Set<string>;
  trigger: string;
  reports: Array<{ doc: string; offsets: [number, number] }>;
}

const norm = (s: string) => s.toLowerCase().replace(/['’]s$/, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function namesOf(e: NewsEvent): Set<string> {
  const out = new Set<string>();
  const add = (r: EntityRef | null) => {
    if (!r) return;
    out.add(norm(r.name));
    const parts = norm(r.name).split(' ');
    if (parts.length > 1) out.add(parts[parts.length - 1]!); // "Angela Merkel" and "Merkel" name one person
  };
  add(e.actor);
  e.participants.forEach(add);
  add(e.place);
  return out;
}

function datesAgree(a: NewsEvent['date'], aStated: boolean, b: NewsEvent['date'], bStated: boolean): boolean {
  if (!a || !b) return true;
  if (a.value === b.value) return true;
  // An unstated date is only the day of the report: a stated date on or before it can be the same event.
  if (!aStated && bStated) return b.value.slice(0, 10) <= a.value.slice(0, 10);
  if (!bStated && aStated) return a.value.slice(0, 10) <= b.value.slice(0, 10);
  return false;
}

function compatible(a: { type: string; sub_type: string | null; place: string | null; names: Set<string>; trigger: string; date: NewsEvent['date']; dateStated: boolean }, b: typeof a): boolean {
  if (a.type !== b.type) return false;
  if (a.sub_type && b.sub_type && a.sub_type !== b.sub_type) return false;
  if (a.place && b.place && a.place !== b.place) return false;
  if (!datesAgree(a.date, a.dateStated, b.date, b.dateStated)) return false;
  const shared = [...a.names].filter((n) => b.names.has(n)).length;
  const sameTrigger = a.trigger === b.trigger && a.trigger.includes(' ');
  return shared >= 2 || (shared >= 1 && (a.place !== null || sameTrigger)) || (sameTrigger && a.place !== null && a.place === b.place);
}

function view(m: EventMention) {
  const e = m.event;
  return { type: e.type, sub_type: e.sub_type, place: e.place ? norm(e.place.name) : null, names: namesOf(e), trigger: e.trigger.text.toLowerCase(), date: e.date, dateStated: m.dateStated };
}

/** Folds `b` into `a`: stated facts win over defaults, lists are joined. */
function absorb(a: EventMention, b: EventMention): void {
  const x = a.event;
  const y = b.event;
  if (!a.dateStated && b.dateStated) {
    x.date = y.date;
    x.background = y.background;
    a.dateStated = true;
  }
  x.sub_type ??= y.sub_type;
  x.place ??= y.place;
  x.actor ??= y.actor;
  const seen = new Set(x.participants.map((p) => p.name));
  for (const p of y.participants) if (!seen.has(p.name) && p.name !== x.place?.name && p.name !== x.actor?.name) x.participants.push(p);
  if (y.casualties) {
    x.casualties = {
      killed: Math.max(x.casualties?.killed ?? -1, y.casualties.killed ?? -1) < 0 ? null : Math.max(x.casualties?.killed ?? 0, y.casualties.killed ?? 0),
      injured: Math.max(x.casualties?.injured ?? -1, y.casualties.injured ?? -1) < 0 ? null : Math.max(x.casualties?.injured ?? 0, y.casualties.injured ?? 0),
    };
  }
  const has = (list: NewsEvent['sources'], s: NewsEvent['sources'][number]) => list.some((o) => o.start === s.start && o.end === s.end);
  for (const s of y.sources) if (!has(x.sources, s)) x.sources.push(s);
  for (const s of y.evidence) if (!has(x.evidence, s)) x.evidence.push(s);
  x.reports!.push(...y.reports!);
  x.confidence = Math.max(x.confidence, y.confidence);
}

/** Merges the mentions of one document; returns the events in text order. */
export function mergeWithinDocument(mentions: EventMention[], docId: string): EventMention[] {
  const kept: EventMention[] = [];
  for (const m of mentions) {
    m.event.reports = [{ doc: docId, offsets: [m.event.trigger.start, m.event.trigger.end] }];
    let target: EventMention | undefined;
    if (m.anaphoric && !m.dateStated && !m.event.place) {
      for (let i = kept.length - 1; i >= 0; i--) {
        const k = kept[i]!;
        // Inside a live-blog post "the attack" is the post's attack; elsewhere it reaches back a few sentences.
        if (m.post < 0 && k.sentence < m.sentence - ANAPHORA_SENTENCES) break;
        if (m.post >= 0 && k.post !== m.post) break;
        if (k.event.type === m.event.type) {
          target = k;
          break;
        }
      }
    }
    if (!target) {
      const v = view(m);
      target = kept.find((k) => compatible(view(k), v));
    }
    if (target) absorb(target, m);
    else kept.push(m);
  }
  return kept;
}

/** Links a document's events to events of earlier documents in the run (cross-document merging). */
export function linkAcrossDocuments(clusters: EventCluster[], docEvents: EventMention[]): void {
  for (const m of docEvents) {
    const v = view(m);
    const cluster = clusters.find((c) => c.reports[0]!.doc !== m.event.reports![0]!.doc && compatible(c, v));
    if (cluster) {
      const e = m.event;
      e.id = cluster.id;
      if (!m.dateStated && cluster.dateStated && cluster.date) {
        e.date = cluster.date;
        m.dateStated = true;
      }
      cluster.reports.push(...e.reports!);
      e.reports = [...cluster.reports];
      for (const n of v.names) cluster.names.add(n);
      cluster.place ??= v.place;
      if (!cluster.dateStated && m.dateStated) {
        cluster.date = e.date;
        cluster.dateStated = true;
      }
    } else {
      clusters.push({ id: m.event.id, ...v, names: new Set(v.names), reports: [...m.event.reports!] });
      if (clusters.length > MAX_CLUSTERS) clusters.shift();
    }
  }
}
