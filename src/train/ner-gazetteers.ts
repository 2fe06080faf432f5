/**
 * Compiles the tagger's name lists in data/gazetteers/ from the open data of the world-countries npm package
 * (ODbL): `npx tsx src/train/ner-gazetteers.ts`. Deterministic: lists are sorted and de-duplicated.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import countries from 'world-countries';
import { GAZETTEER_DIR } from '../entities/tagger/tagger.js';

/** Alternative spellings this short are ISO codes ("DE"), which would match ordinary words. */
export const MIN_ALT_SPELLING_CHARS = 4;

interface Country {
  name: { common: string; official: string };
  altSpellings: string[];
  capital: string[];
  region: string;
  subregion: string;
  demonyms?: { eng?: { f: string; m: string } };
  languages?: Record<string, string>;
}

export function compileGazetteers(): Record<string, string[]> {
  const lists: Record<string, Set<string>> = {
    countries: new Set(),
    capitals: new Set(),
    regions: new Set(),
    demonyms: new Set(),
    languages: new Set(),
  };
  for (const c of countries as unknown as Country[]) {
    lists['countries']!.add(c.name.common).add(c.name.official);
    for (const alt of c.altSpellings) if (alt.length >= MIN_ALT_SPELLING_CHARS) lists['countries']!.add(alt);
    for (const cap of c.capital) lists['capitals']!.add(cap);
    if (c.region) lists['regions']!.add(c.region);
    if (c.subregion) lists['regions']!.add(c.subregion);
    if (c.demonyms?.eng) lists['demonyms']!.add(c.demonyms.eng.m).add(c.demonyms.eng.f);
    for (const lang of Object.values(c.languages ?? {})) lists['languages']!.add(lang);
  }
  const out: Record<string, string[]> = {};
  for (const [name, set] of Object.entries(lists)) out[name] = [...set].filter((s) => s.trim() !== '').sort();
  return out;
}

function main(): void {
  mkdirSync(GAZETTEER_DIR, { recursive: true });
  for (const [name, entries] of Object.entries(compileGazetteers())) {
    const header = `# ${name}: compiled by src/train/ner-gazetteers.ts from the world-countries package (ODbL); do not edit by hand\n`;
    writeFileSync(join(GAZETTEER_DIR, `${name}.txt`), header + entries.join('\n') + '\n');
    console.log(`${name}: ${entries.length}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
