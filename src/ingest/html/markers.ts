// The reviewed word lists of data/html, loaded once.
import { readWordList } from '../../util/wordList.js';

function list(name: string): string[] {
  return readWordList('html', name).map((l) => l.toLowerCase());
}

export const RELATED_MARKERS = list('related-markers.txt');
export const EMBED_MARKERS = list('embed-markers.txt');
export const CAPTION_MARKERS = list('caption-markers.txt');
export const BOILERPLATE_STARTS = list('boilerplate-lines.txt');
export const LIVE_MARKERS = list('live-markers.txt');
export const COMMENT_MARKERS = list('comment-markers.txt');
export const BOILERPLATE_EXACT = new Set(list('boilerplate-exact.txt'));
