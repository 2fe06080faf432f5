// Replay of the event merger: the run's cluster list (RunContext part "events") rebuilt from stored records alone, no
// NLP. A record's events are in the order linking saw them; `links.events` holds, for each, what linking read beyond
// the record (the places its sentence names, whether its date was stated before linking). An event whose first
// report is another document's joined that document's cluster (taking its id); any other started a cluster.
import { isDeepStrictEqual } from 'node:util';
import type { NewsRecord } from '../model/record.js';
import type { RunContext } from '../pipeline/component.js';
import { type EventCluster, MAX_CLUSTERS, view } from './merge.js';

/** Adds a stored record to the run's event clusters as `linkAcrossDocuments` did when it analysed the document. */
export function replayEvents(record: NewsRecord, run: RunContext): void {
  if (record.notes.some((n) => n.startsWith('events: skipped'))) return;
  const clusters = run.part<EventCluster[]>('events', () => []);
  const info = record.links?.events ?? [];
  if (info.length !== record.events.length) throw new Error(`record ${record.id}: links.events does not match its events (stored by an older pipeline?)`);
  for (const [i, e] of record.events.entries()) {
    const reports = e.reports ?? [];
    const v = view({ event: e, places: info[i]!.places, dateStated: info[i]!.date_stated });
    if (reports.length && reports[0]!.doc !== record.id) {
      // Joined: the cluster whose reports this event's reports continue (its own reports were appended).
      const cluster = findCluster(clusters, e.id, record.id, reports);
      if (!cluster) throw new Error(`record ${record.id}: event ${e.id} joined a cluster the replayed run does not hold`);
      cluster.reports = [...reports];
      for (const n of v.names) cluster.names.add(n);
      cluster.place ??= v.place;
      for (const p of v.places) cluster.places.add(p);
      if (!cluster.dateStated && info[i]!.date_stated) {
        cluster.date = e.date;
        cluster.dateStated = true;
      }
    } else {
      clusters.push({ id: e.id, ...v, names: new Set(v.names), places: new Set(v.places), reports: [...reports] });
      if (clusters.length > MAX_CLUSTERS) clusters.shift();
    }
  }
}

function findCluster(clusters: EventCluster[], id: string, doc: string, reports: NonNullable<NewsRecord['events'][number]['reports']>): EventCluster | undefined {
  for (const c of clusters) {
    if (c.id !== id || c.reports[0]!.doc === doc || c.reports.length >= reports.length) continue;
    if (isDeepStrictEqual(c.reports, reports.slice(0, c.reports.length))) return c;
  }
  return undefined;
}
