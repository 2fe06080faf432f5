import type { Component } from '../pipeline/component.js';
import { anchorResolver } from './time/anchor.js';
import { roughSentences } from './time/resolve.js';
import { extractEvents } from './extract.js';
import { type EventCluster, linkAcrossDocuments, mergeWithinDocument } from './merge.js';

/**
 * Events (record.events): what happened, where, when, to whom, as the text tells it; reports of one event in several
 * posts or documents merge into one (cross-document links through the run's cluster list).
 */
export const eventExtractor: Component = {
  name: 'events',
  requires: ['entities', 'quotes', 'time'],
  assigns: ['events'],
  englishOnly: true,
  run(doc, run) {
    const record = doc.record;
    const sentences = doc.sentences && doc.sentences.length ? doc.sentences : roughSentences(record.text);
    const mentions = extractEvents({ record, sentences, times: doc.times ?? [], anchorAt: anchorResolver(record, doc.headerDate) });
    const events = mergeWithinDocument(mentions, record.id);
    // What linking reads beyond the record (the places each sentence names, whether the text gave the date) goes on
    // the record, so a run can be rebuilt from stored records (src/events/replay.ts).
    if (events.length) (record.links ??= {}).events = events.map((m) => ({ places: [...m.places], date_stated: m.dateStated }));
    linkAcrossDocuments(run.part<EventCluster[]>('events', () => []), events);
    record.events = events.map((m) => m.event);
    doc.scratch.set('events', events);
  },
};
