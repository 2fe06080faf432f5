import type { Component } from '../../pipeline/component.js';
import { anchorResolver } from './anchor.js';
import { resolveTimes } from './resolve.js';
import { isValidZone } from '../../util/zones.js';

/**
 * Time expressions (doc.times): every date, time and duration in the text, resolved against the published time of
 * the live-blog post it is in, else of the document, in the outlet's local zone (record.timezone).
 */
export const timeResolver: Component = {
  name: 'time',
  requires: ['tokens', 'structure'],
  assigns: ['time'],
  englishOnly: true,
  run(doc) {
    const record = doc.record;
    if (record.timezone?.name && !isValidZone(record.timezone.name)) {
      record.notes.push(`time: unknown time zone "${record.timezone.name}", local times read as UTC`);
    }
    doc.times = resolveTimes(record.text, {
      anchorAt: anchorResolver(record, doc.headerDate),
      sentences: doc.sentences,
    });
  },
};
