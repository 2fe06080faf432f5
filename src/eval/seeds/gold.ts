import { readFileSync } from 'node:fs';

/** The gold format of examples/seeds.gold.json: a careful hand annotation of a small set of documents. */
export interface GoldPost {
  title: string | null;
  authors: string[];
  credit: string | null;
  published_local?: string;
  published_utc: string | null;
  media?: string[];
  related?: Array<{ title: string; description: string }>;
  first_sentence?: string;
}

export interface GoldDocument {
  file: string;
  date?: string;
  outlet: string | null;
  kind?: string;
  headline: string | null;
  standfirst?: string | null;
  byline?: string[];
  published_utc?: string | null;
  boilerplate?: string[];
  lead_media?: string[];
  subheadings?: string[];
  posts: GoldPost[];
}

export interface GoldAttribution {
  doc: string;
  speaker: string | null;
  speaker_mention: string | null;
  anonymous: boolean;
  cue: string | null;
  content: string;
  content_start: number;
  content_end: number;
  kind: 'direct' | 'mixed' | 'indirect';
  statement?: string;
  paraphrase?: boolean;
  optional?: boolean;
  [key: string]: unknown;
}

export interface Gold {
  about?: string;
  documents: GoldDocument[];
  attributions?: GoldAttribution[];
  entities?: Record<string, unknown>;
  events?: Array<Record<string, unknown>>;
  claims?: Array<Record<string, unknown>>;
  taxonomy?: Record<string, unknown>;
  statements?: Record<string, string>;
}

export function loadGold(path: string): Gold {
  const gold = JSON.parse(readFileSync(path, 'utf8')) as Gold;
  if (!Array.isArray(gold.documents)) throw new Error(`${path}: not a seeds gold file (no "documents" list)`);
  return gold;
}
