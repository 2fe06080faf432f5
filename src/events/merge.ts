// Merging the reports of one event: within a document (an anaphoric "the attack" joins the event it refers back to;
// two mentions that agree on type, date and place and share a name are one event), and across the documents of a
// run through a bounded cluster list kept in the RunContext. Merging is incremental: a later report joins an earlier
// event (taking its id and its stated date); records already written are not changed.
import type { EntityRef, NewsEvent } from '../model/record.js';
import type { EventMention } from './extract.js';
import { eventLexicon } from './lexicon.js';
import { countryOf } from './names.js';
import { partitionPoint } from '../util/search.js';

/** "The attack" refers back at most this many sentences. */
export const ANAPHORA_SENTENCES = 3;
/** Earlier events of a document a mention is compared with: merging stays linear on a document of any length. */
export const MERGE_LOOKBACK = 200;
/** Clusters remembered per run: memory stays bounded on endless input (the oldest are forgotten). */
export const MAX_CLUSTERS = 20_000;

export interface EventCluster {
  id: string;
  type: string;
  sub_type: string | null;
  date: NewsEvent['date'];
  dateStated: boolean;
  place: string | null;
  /** Every place its reports name ("the Oval Office at the White House"): places agree when these meet. */
  places: Set<string>;
  actor: string | null;
  names: Set<string>;
  trigger: string;
  reports: Array<{ doc: string; offsets: [number, number] }>;
}

const norm = (s: string) => s.toLowerCase().replace(/['’]s$/, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function namesOf(e: NewsEvent): Set<string> {
  const out = new Set<string>();
  const add = (r: EntityRef | null) => {
    if (!r) return;
    const n = norm(r.name);
    out.add(n);
    const parts = n.split(' ');
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

type View = ReturnType<typeof view>;

/** Sub-types one event is reported under ("a virtual summit" / "a virtual meeting"): data/events subtype_groups. */
function subTypesAgree(a: string | null, b: string | null): boolean {
  if (!a || !b || a === b) return true;
  return eventLexicon().subtype_groups.some((g) => g.includes(a) && g.includes(b));
}

/** Places agree when either has none, or the places their sentences name meet ("Odesa, Ukraine" / "Ukraine"). */
function placesAgree(a: Pick<View, 'place' | 'places'>, b: Pick<View, 'place' | 'places'>): boolean {
  if (!a.place || !b.place || a.place === b.place) return true;
  for (const p of a.places) if (b.places.has(p)) return true;
  return false;
}

/** Type, sub-type, date and place do not contradict each other. */
function consistent(a: View, b: View): boolean {
  return a.type === b.type && subTypesAgree(a.sub_type, b.sub_type) && placesAgree(a, b) && datesAgree(a.date, a.dateStated, b.date, b.dateStated);
}

function compatible(a: View, b: View): boolean {
  if (!consistent(a, b)) return false;
  // One actor, one type, one day: the same event told twice ("NATO chiefs held a virtual summit" / "a virtual
  // meeting of NATO's military committee").
  if (a.actor && a.actor === b.actor && a.date && b.date && a.date.value === b.date.value) return true;
  let shared = 0;
  for (const n of a.names) if (b.names.has(n)) shared++;
  const sameTrigger = a.trigger === b.trigger && a.trigger.includes(' ');
  return shared >= 2 || (shared >= 1 && (a.place !== null || sameTrigger)) || (sameTrigger && a.place !== null && a.place === b.place);
}

/** What merging compares of a mention (exported for replay, src/events/replay.ts). */
export function view(m: Pick<EventMention, 'event' | 'places' | 'dateStated'>) {
  const e = m.event;
  const places = new Set((m.places ?? []).map(norm));
  if (e.place) places.add(norm(e.place.name));
  return { type: e.type, sub_type: e.sub_type, place: e.place ? norm(e.place.name) : null, places, actor: e.actor ? norm(e.actor.name) : null, names: namesOf(e), trigger: e.trigger.text.toLowerCase(), date: e.date, dateStated: m.dateStated };
}

/** A country is a coarser place than a city or a venue in it: the finer one wins when reports merge. */
function coarse(place: NewsEvent['place']): boolean {
  return !!place && countryOf(place.name) === place.name;
}

/**
 * The keys of the items of a list an event keeps (its participants' names, its sources' and evidence's offsets), kept
 * by one merging pass as absorb adds to the list: one event may absorb thousands of reports in a long live blog, and a
 * pass over its lists for each would be quadratic.
 */
class ListKeys {
  private readonly keys = new WeakMap<object, Set<string>>();

  of<T>(list: T[], key: (x: T) => string): Set<string> {
    let set = this.keys.get(list);
    if (!set) this.keys.set(list, (set = new Set(list.map(key))));
    return set;
  }
}

const spanKey = (s: { start: number; end: number }) => `${s.start}:${s.end}`;

/** Folds `b` into `a`: stated facts win over defaults, lists are joined. */
function absorb(a: EventMention, b: EventMention, lists: ListKeys = new ListKeys()): void {
  const x = a.event;
  const y = b.event;
  if (!a.dateStated && b.dateStated) {
    x.date = y.date;
    x.background = y.background;
    a.dateStated = true;
  }
  x.sub_type ??= y.sub_type;
  if (!x.place || (coarse(x.place) && y.place && !coarse(y.place) && b.places.includes(x.place.name))) x.place = y.place;
  if (b.places.some((p) => !a.places.includes(p))) a.places = [...new Set([...a.places, ...b.places])];
  // A headline is terse ("Kharkiv hit by strike" names the target first): the body's actor wins.
  if (a.title && !b.title && y.actor) x.actor = y.actor;
  else x.actor ??= y.actor;
  // Names already there before this report (two of one name in the report are both kept, as they always were).
  const seen = lists.of(x.participants, (p) => p.name);
  const added = y.participants.filter((p) => !seen.has(p.name) && p.name !== x.place?.name && p.name !== x.actor?.name);
  for (const p of added) {
    x.participants.push(p);
    seen.add(p.name);
  }
  if (y.casualties) {
    x.casualties = {
      killed: Math.max(x.casualties?.killed ?? -1, y.casualties.killed ?? -1) < 0 ? null : Math.max(x.casualties?.killed ?? 0, y.casualties.killed ?? 0),
      injured: Math.max(x.casualties?.injured ?? -1, y.casualties.injured ?? -1) < 0 ? null : Math.max(x.casualties?.injured ?? 0, y.casualties.injured ?? 0),
    };
  }
  for (const [to, from] of [[x.sources, y.sources], [x.evidence, y.evidence]] as const) {
    const have = lists.of(to, spanKey);
    for (const s of from) {
      if (have.has(spanKey(s))) continue;
      to.push(s);
      have.add(spanKey(s));
    }
  }
  x.reports!.push(...y.reports!);
  x.confidence = Math.max(x.confidence, y.confidence);
}

/**
 * A list of events that answers "the events among the last MERGE_LOOKBACK of the list with this type, in list order"
 * without reading the others: every merge test below starts with `consistent`, which needs one type. Each event's
 * view is kept until absorbing another event changes it, so it is computed about once per event, not once per
 * comparison.
 */
class RecentEvents {
  readonly list: EventMention[] = [];
  /** Positions in `list` of each type's events, ascending. */
  private readonly byType = new Map<string, number[]>();
  private readonly views = new Map<EventMention, View>();

  push(m: EventMention, v?: View): void {
    let positions = this.byType.get(m.event.type);
    if (!positions) this.byType.set(m.event.type, (positions = []));
    positions.push(this.list.length);
    this.list.push(m);
    if (v) this.views.set(m, v);
  }

  view(m: EventMention): View {
    let v = this.views.get(m);
    if (!v) this.views.set(m, (v = view(m)));
    return v;
  }

  /** `m` changed (it absorbed another event): its view is read again. */
  changed(m: EventMention): void {
    this.views.delete(m);
  }

  /** The events of `type` among the last MERGE_LOOKBACK, in list order: those `list.slice(-MERGE_LOOKBACK)` holds. */
  recent(type: string): EventMention[] {
    const positions = this.byType.get(type);
    if (!positions) return [];
    const from = this.list.length - MERGE_LOOKBACK;
    const lo = partitionPoint(positions.length, (i) => positions[i]! >= from);
    const out: EventMention[] = [];
    for (let i = lo; i < positions.length; i++) out.push(this.list[positions[i]!]!);
    return out;
  }
}

/** Merges the mentions of one document; returns the events in text order. */
export function mergeWithinDocument(mentions: EventMention[], docId: string): EventMention[] {
  const recent = new RecentEvents();
  const kept = recent.list;
  const lists = new ListKeys();
  /** Title mentions already joined by the first event of the body under them. */
  const joined = new Set<EventMention>();
  let v: View | undefined;
  for (const m of mentions) {
    v = undefined;
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
    if (!target && !m.sequence) {
      const mv = (v = view(m));
      // Every test below needs the type (consistent): only the recent events of this type are read.
      const sameType = recent.recent(m.event.type);
      // Two triggers of one type in one sentence tell one event ("X met Y for talks"); so do two in one live-blog
      // post (a post tells one story: the lede, then the detail) unless a sequence word ("later") parts them.
      target = sameType.find((k) => {
        if (!consistent(recent.view(k), mv)) return false;
        if (k.sentence === m.sentence) return true;
        // In a post, only a report of the same day ("on Tuesday evening, X had dined" is another event).
        return m.post >= 0 && k.post === m.post && k.event.date?.value === m.event.date?.value;
      });
      // A heading sums up the story under it: it is the first event of its type in the body.
      target ??= sameType.find((k) => k.title && !m.title && !joined.has(k) && k.post === m.post && consistent(recent.view(k), mv));
      if (target?.title && !m.title) joined.add(target);
      target ??= sameType.find((k) => compatible(recent.view(k), mv));
    }
    if (target) {
      absorb(target, m, lists);
      recent.changed(target);
    } else recent.push(m, v);
  }
  // Merging told a kept event more (a stated date, a finer place): it may now be a report of an earlier one.
  const out = new RecentEvents();
  for (const m of kept) {
    const mv = recent.view(m);
    const target = m.sequence ? undefined : out.recent(m.event.type).find((k) => compatible(out.view(k), mv));
    if (target) {
      absorb(target, m, lists);
      out.changed(target);
    } else out.push(m, mv);
  }
  return out.list;
}

/** Links a document's events to events of earlier documents in the run (cross-document merging). */
export function linkAcrossDocuments(clusters: EventCluster[], docEvents: EventMention[]): void {
  // Clusters this call starts are the document's own (their first report is its), and an event never joins a cluster
  // of its own document: only the clusters of earlier calls are read, so linking a document's n events costs n times
  // the run's earlier clusters, not n². `earlier` is their count (less those the MAX_CLUSTERS bound dropped).
  const doc = docEvents[0]?.event.reports?.[0]?.doc;
  const ownDoc = docEvents.every((m) => m.event.reports?.[0]?.doc === doc);
  let earlier = clusters.length;
  for (const m of docEvents) {
    const v = view(m);
    // The earlier event sharing the most with this one (the same actor counts most).
    let cluster: EventCluster | undefined;
    let bestScore = -1;
    const read = ownDoc ? Math.min(earlier, clusters.length) : clusters.length;
    for (let i = 0; i < read; i++) {
      const c = clusters[i]!;
      if (c.reports[0]!.doc === m.event.reports![0]!.doc || !compatible(c, v)) continue;
      let score = c.actor && c.actor === v.actor ? 2 : 0;
      for (const n of c.names) if (v.names.has(n)) score++;
      if (score > bestScore) {
        cluster = c;
        bestScore = score;
      }
    }
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
      for (const p of v.places) cluster.places.add(p);
      if (!cluster.dateStated && m.dateStated) {
        cluster.date = e.date;
        cluster.dateStated = true;
      }
    } else {
      clusters.push({ id: m.event.id, ...v, names: new Set(v.names), places: new Set(v.places), reports: [...m.event.reports!] });
      if (clusters.length > MAX_CLUSTERS) {
        clusters.shift();
        earlier--;
      }
    }
  }
}
