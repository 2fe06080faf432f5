import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../version.js';

/** Reads a reviewed data file from data/structure/. */
function load<T>(name: string): T {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'data', 'structure', name), 'utf8')) as T;
}

export interface OutletInfo {
  name: string;
  aliases: string[];
  domains: string[];
  timezone: string;
}

const boilerplate = load<{ patterns: string[]; outlet_patterns: string[]; contributor_patterns: string[] }>('boilerplate.json');
const credits = load<{ agencies: Record<string, string>; picture_agencies: string[]; caption_lead_ins: string[] }>(
  'credits.json',
);
const datelines = load<{ not_places: string[] }>('datelines.json');
const zones = load<{ abbreviations: Record<string, string>; fixed: Record<string, string> }>('zones.json');
const outlets = load<{ outlets: OutletInfo[] }>('outlets.json');

export const BOILERPLATE_PATTERNS: RegExp[] = boilerplate.patterns.map((p) => new RegExp(p, 'i'));
export const CONTRIBUTOR_PATTERNS: RegExp[] = boilerplate.contributor_patterns.map((p) => new RegExp(p, 'i'));
export const OUTLET_PATTERNS: RegExp[] = boilerplate.outlet_patterns.map((p) => new RegExp(p, 'i'));
export const AGENCIES: ReadonlyMap<string, string> = new Map(Object.entries(credits.agencies));
export const PICTURE_AGENCIES: readonly string[] = credits.picture_agencies;
export const CAPTION_LEAD_INS: readonly string[] = credits.caption_lead_ins;
/** Upper-case labels that open a paragraph like a dateline's place but name none ('BREAKING —'). */
export const DATELINE_NOT_PLACES: ReadonlySet<string> = new Set(datelines.not_places);
export const ZONE_ABBREVIATIONS: ReadonlyMap<string, string> = new Map(Object.entries(zones.abbreviations));
export const FIXED_ZONES: ReadonlyMap<string, string> = new Map(Object.entries(zones.fixed));
export const OUTLETS: readonly OutletInfo[] = outlets.outlets;

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
