// The reviewed word lists of data/html, loaded once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../version.js';

function list(name: string): string[] {
  return readFileSync(join(PACKAGE_ROOT, 'data', 'html', name), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#'));
}

export const RELATED_MARKERS = list('related-markers.txt');
export const EMBED_MARKERS = list('embed-markers.txt');
export const CAPTION_MARKERS = list('caption-markers.txt');
export const BOILERPLATE_STARTS = list('boilerplate-lines.txt');
export const LIVE_MARKERS = list('live-markers.txt');
export const COMMENT_MARKERS = list('comment-markers.txt');
export const BOILERPLATE_EXACT = new Set(list('boilerplate-exact.txt'));
