import { readFileSync } from 'node:fs';

// PolNeAR JSONL (see /work/shared/data/README.md): one article a line, offsets in Unicode code points. Everything
// here converts them to UTF-16 so they compare with JavaScript string indices.

export interface RoleSpan {
  start: number;
  end: number;
}

export interface GoldAttribution {
  content: RoleSpan | null;
  source: RoleSpan | null;
  cue: RoleSpan | null;
}

export interface PolnearDoc {
  id: string;
  text: string;
  attributions: GoldAttribution[];
}

interface RawQuote {
  content_start: number | null;
  content_end: number | null;
  speaker_start: number | null;
  speaker_end: number | null;
  cue_start: number | null;
  cue_end: number | null;
}

/** UTF-16 index of every code-point index of `text` (one more entry for the end). */
export function codePointToUtf16(text: string): Int32Array {
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return Int32Array.from(map);
}

function role(map: Int32Array, s: number | null, e: number | null): RoleSpan | null {
  if (s === null || e === null || s === undefined || e === undefined || e <= s) return null;
  if (s < 0 || e >= map.length) return null;
  return { start: map[s]!, end: map[e]! };
}

export function readPolnear(path: string): PolnearDoc[] {
  const docs: PolnearDoc[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const raw = JSON.parse(line) as { id: string; text: string; quotes: RawQuote[] };
    const map = codePointToUtf16(raw.text);
    docs.push({
      id: raw.id,
      text: raw.text,
      attributions: raw.quotes.map((q) => ({
        content: role(map, q.content_start, q.content_end),
        source: role(map, q.speaker_start, q.speaker_end),
        cue: role(map, q.cue_start, q.cue_end),
      })),
    });
  }
  return docs;
}
