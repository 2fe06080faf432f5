import { formatOffset, parseOffset } from '../util/zones.js';
import { FIXED_ZONES, ZONE_ABBREVIATIONS } from './data.js';

/** The zone a time-zone word names: an IANA zone for abbreviations (BST → Europe/London), an offset for fixed ones. */
export function zoneForWord(word: string): string | null {
  const w = word.trim();
  const fixed = FIXED_ZONES.get(w.toUpperCase());
  if (fixed) return fixed;
  const named = ZONE_ABBREVIATIONS.get(w) ?? ZONE_ABBREVIATIONS.get(w.toUpperCase());
  if (named) return named;
  const offset = parseOffset(w);
  if (offset !== null) return formatOffset(offset);
  return null;
}
