import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../version.js';

export interface TriggerEntry {
  type: string;
  sub_type: string | null;
  phrases: string[];
}

/** data/events/lexicon.json: triggers and cue words of the event and claim layers. */
export interface EventLexicon {
  triggers: TriggerEntry[];
  place_prepositions: string[];
  place_nouns: string[];
  anaphora: string[];
  casualty_people: string[];
  killed_words: string[];
  injured_words: string[];
  source_verbs: string[];
  name_stopwords: string[];
  status_cues: Record<'unconfirmed' | 'denied' | 'disputed' | 'confirmed', string[]>;
  claim_verbs: string[];
  assertion_cues: string[];
  irrealis_cues: string[];
  bare_meeting_nouns: string[];
  bare_meeting_support_after: string[];
  agreement_nouns: string[];
  agreement_verbs: string[];
  dated_only: string[];
  sequence_markers: string[];
  meeting_organiser_nouns: string[];
  subtype_groups: string[][];
  claim_figure_cues: string[];
  topic_prepositions: string[];
}

let cached: EventLexicon | null = null;

export function eventLexicon(): EventLexicon {
  return (cached ??= JSON.parse(readFileSync(join(PACKAGE_ROOT, 'data', 'events', 'lexicon.json'), 'utf8')) as EventLexicon);
}

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const alternation = (words: string[]) => [...words].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
