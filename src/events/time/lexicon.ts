import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../version.js';

/** The reviewed word lists of the time layer (data/time/lexicon.json) and the zone words of the structure layer. */
export interface TimeLexicon {
  months: Record<string, number>;
  weekdays: Record<string, number>;
  numbers: Record<string, number | null>;
  units: Record<string, string>;
  future: Set<string>;
  past: Set<string>;
  yearCues: string[];
  weekdayNameWords: string[];
  articleMonthExcluded: Set<string>;
  /** Zone abbreviation → IANA zone or fixed offset, from data/structure/zones.json. */
  zones: Record<string, string>;
}

let cached: TimeLexicon | null = null;

export function timeLexicon(): TimeLexicon {
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'data', 'time', 'lexicon.json'), 'utf8'));
  const zonesRaw = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'data', 'structure', 'zones.json'), 'utf8'));
  cached = {
    months: raw.months,
    weekdays: raw.weekdays,
    numbers: raw.numbers,
    units: raw.units,
    future: new Set(raw.future_markers),
    past: new Set(raw.past_markers),
    yearCues: raw.year_cues,
    weekdayNameWords: raw.weekday_name_words,
    articleMonthExcluded: new Set(raw.article_month_cue_excluded),
    zones: { ...(zonesRaw.abbreviations ?? {}), ...(zonesRaw.fixed ?? {}) },
  };
  return cached;
}
