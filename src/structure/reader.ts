import { readHeader } from '../ingest/header.js';
import type { Block, BlockType, NameRef, Post, Span, TimezoneInfo } from '../model/record.js';
import { span } from '../model/span.js';
import { type LineFeatures, lineFeatures, TITLE_MAX_WORDS } from './features.js';
import { type Line, splitLines } from './lines.js';
import { canonicalOutlet, findOutlet, outletZone } from './outlet.js';
import { resolvePostTimes, type StampTime } from './times.js';
import { readDateline } from './dateline.js';
import { statedZoneWord } from './timestamp.js';
import { gluedHeadlineEnd } from './gluedHeadline.js';

// The layout of a scraped news page, read from its lines in named passes:
//   1. frontMatter: boilerplate, headline, standfirst, byline, date line and lead media before the first paragraph;
//      with no headline line, gluedHeadline reads one glued to the first paragraph (line breaks lost in scraping);
//   2. livePosts: if the body carries two or more author/time or time-marker lines, it is a live blog; the stamps
//      either close their posts (title first, stamp last) or open them (stamp first), decided by votes;
//   3. bodyBlocks: captions, agency credits, related-article cards, media captions, sub-headings and paragraphs;
//   4. times: every stamp to UTC in the zone the page states, or the outlet's zone (then marked assumed).

/** Fewer stamps than this in the body and the page is an article, not a live blog. */
export const MIN_LIVE_POSTS = 2;
/** The front matter is searched for a headline, byline and date within this many lines. */
export const FRONT_MATTER_MAX_LINES = 12;
/** Characters after a first line searched for the lower-case uses of its words (src/structure/gluedHeadline.ts). */
const GLUED_REST_CHARS = 20_000;

export interface StructureResult {
  blocks: Block[];
  posts: Post[];
  headline: Span | null;
  standfirst: Span | null;
  byline: NameRef[];
  published: string | null;
  timezone: TimezoneInfo;
  outlet: string | null;
  kind: 'article' | 'liveblog';
}

export interface StructureOptions {
  headerDate: string | null;
  outlet: string | null;
  url: string | null;
}

interface Draft {
  text: string;
  lines: Line[];
  f: LineFeatures[];
  role: Array<BlockType | null>;
  /** Extra blocks that cover part of a line (a dateline before its paragraph). */
  extra: Block[];
  credit: NameRef | null;
}

interface DraftPost {
  first: number;
  last: number;
  title: number | null;
  stamp: number | null;
  credit: NameRef | null;
}

export function readStructure(text: string, options: StructureOptions): StructureResult {
  const header = readHeader(text);
  const lines = splitLines(text, header?.contentStart ?? 0);
  const d: Draft = { text, lines, f: lines.map(lineFeatures), role: lines.map(() => null), extra: [], credit: null };
  const front = frontMatter(d);
  const { posts, mode } = livePosts(d, front.bodyStart);
  bodyBlocks(d, front.bodyStart, lines.length, posts);
  const glued = front.headline === null ? gluedHeadline(d) : null;

  const outlet = options.outlet ?? findOutlet(lines.slice(0, 6).concat(lines.slice(-6)).map((l) => l.text), options.url) ?? (d.credit ? canonicalOutlet(d.credit.name) : null);
  const stamps: StampTime[] = posts.map((p) => (p.stamp === null ? null : d.f[p.stamp]!.stamp));
  const times = resolvePostTimes({
    front: front.date === null ? null : d.f[front.date]!.stamp,
    posts: stamps,
    headerDate: options.headerDate ?? header?.date ?? null,
    statedZoneWord: lines.slice(0, 2 * FRONT_MATTER_MAX_LINES).map((l) => statedZoneWord(l.text)).find((z) => z) ?? null,
    outletZone: outletZone(outlet),
  });

  const lineSpan = (i: number) => span(text, lines[i]!.start, lines[i]!.end);
  const blocks: Block[] = d.extra.slice();
  lines.forEach((l, i) => {
    const type = d.role[i] ?? 'paragraph';
    if (d.extra.some((b) => b.span.end > l.start && b.span.start < l.end)) {
      const cut = Math.max(...d.extra.filter((b) => b.span.start >= l.start && b.span.end <= l.end).map((b) => b.span.end));
      let s = cut;
      while (s < l.end && /\s/.test(text[s]!)) s++;
      if (s < l.end) blocks.push({ type, span: span(text, s, l.end) });
    } else {
      blocks.push({ type, span: lineSpan(i) });
    }
  });
  blocks.sort((a, b) => a.span.start - b.span.start);

  const toRefs = (i: number | null, names: NonNullable<LineFeatures['stamp']>['names'] | null, base: number): NameRef[] =>
    i === null || !names ? [] : names.names.map((n) => ({ name: n.name, span: span(text, base + n.start, base + n.end) }));

  const recordPosts: Post[] = posts.map((p, k) => {
    const stamp = p.stamp === null ? null : d.f[p.stamp]!.stamp;
    const base = p.stamp === null ? 0 : lines[p.stamp]!.start + (stamp?.prefixStart ?? 0);
    const names = stamp?.names ?? null;
    const stampCredit = names?.credit ? { name: names.credit.name, span: span(text, base + names.credit.start, base + names.credit.end) } : null;
    return {
      title: p.title === null ? null : lineSpan(p.title),
      authors: toRefs(p.stamp, names, base),
      credit: stampCredit ?? p.credit,
      published: times.posts[k] ?? null,
      span: span(text, lines[p.first]!.start, lines[p.last]!.end),
    };
  });

  return {
    blocks,
    posts: recordPosts,
    headline: front.headline === null ? glued : lineSpan(front.headline),
    standfirst: front.standfirst === null ? null : lineSpan(front.standfirst),
    byline: front.byline,
    published: times.published,
    timezone: times.timezone,
    outlet,
    kind: mode === 'none' ? 'article' : 'liveblog',
  };

  // ---- pass 1: front matter -------------------------------------------------------------------------------------

  function frontMatter(dr: Draft) {
    const { f, role } = dr;
    const n = dr.lines.length;
    let bodyStart = 0;
    // The front matter ends at the first prose line, or at the first post stamp (a time without a date, or a second
    // dated stamp after the page's own date line).
    let dated = false;
    while (bodyStart < n && bodyStart < FRONT_MATTER_MAX_LINES && !isProse(f[bodyStart]!, dr.lines[bodyStart]!)) {
      const st = f[bodyStart]!.stamp;
      if (st && st.hour !== null && (st.year === null || dated)) break;
      if (st && st.year !== null) dated = true;
      bodyStart++;
    }
    if (bodyStart >= FRONT_MATTER_MAX_LINES) bodyStart = 0;
    let headline: number | null = null;
    let standfirst: number | null = null;
    let date: number | null = null;
    let bylineSeen = false;
    const byline: NameRef[] = [];
    for (let i = 0; i < bodyStart; i++) {
      const fi = f[i]!;
      const line = dr.lines[i]!;
      if (fi.boilerplate) role[i] = 'boilerplate';
      else if (fi.caption) role[i] = 'caption';
      else if (fi.contributors) role[i] = 'byline';
      else if (fi.stamp && date === null && (fi.stamp.year !== null || fi.stamp.hour !== null)) {
        role[i] = 'byline';
        date = i;
        for (const nm of fi.stamp.names?.names ?? []) {
          const s = line.start + fi.stamp.prefixStart + nm.start;
          byline.push({ name: nm.name, span: span(text, s, s + nm.name.length) });
        }
        bylineSeen = true;
      } else if (fi.byline && (headline !== null || i > 0) && !bylineSeen) {
        role[i] = 'byline';
        bylineSeen = true;
        for (const nm of fi.byline.names) byline.push({ name: nm.name, span: span(text, line.start + nm.start, line.start + nm.end) });
      } else if (fi.titleLike && headline === null && !bylineSeen && date === null) {
        role[i] = 'heading';
        headline = i;
      } else if (headline !== null && standfirst === null && !bylineSeen && date === null && i === headline + 1) {
        role[i] = 'paragraph';
        standfirst = i;
      } else if (fi.dateish || fi.creditOnly) {
        role[i] = 'byline';
      } else {
        // A title-like line after the byline and date, before the story: the lead image's or video's caption.
        role[i] = 'caption';
      }
    }
    return { bodyStart, headline, standfirst, date, byline };
  }

  // ---- pass 1b: a headline glued to the story ---------------------------------------------------------------------

  /** A page with no headline line whose first line is a paragraph may open with its headline glued on, the line break
   * lost ("Crude oil prices back above $50 Cold weather across …"; src/structure/gluedHeadline.ts): that part of the
   * line becomes a heading block and the headline. Not after a dateline read off the same line. */
  function gluedHeadline(dr: Draft): Span | null {
    const first = dr.lines[0];
    if (!first || dr.role[0] !== 'paragraph' || dr.extra.some((b) => b.span.start < first.end)) return null;
    const cut = gluedHeadlineEnd(first.text, text.slice(first.end, first.end + GLUED_REST_CHARS));
    if (cut === null) return null;
    const end = first.start + first.text.slice(0, cut).trimEnd().length;
    const headline = span(text, first.start, end);
    dr.extra.push({ type: 'heading', span: headline });
    return headline;
  }

  // ---- pass 2: live-blog posts ----------------------------------------------------------------------------------

  function livePosts(dr: Draft, bodyStart: number): { posts: DraftPost[]; mode: 'closing' | 'opening' | 'none' } {
    const { f, lines: ls } = dr;
    const stampLines: number[] = [];
    for (let i = bodyStart; i < ls.length; i++) {
      const s = f[i]!.stamp;
      if (s && s.hour !== null && (s.names !== null || s.marker || s.prefix === '')) stampLines.push(i);
    }
    if (stampLines.length < MIN_LIVE_POSTS) {
      for (const i of stampLines) dr.role[i] = 'byline';
      return { posts: [], mode: 'none' };
    }
    // Votes: names glued to a full date close a post (title first, stamp last); bare times and markers open one.
    let closing = 0;
    let opening = 0;
    for (const i of stampLines) {
      const s = f[i]!.stamp!;
      if (s.names && s.names.names.length > 0 && s.year !== null) closing++;
      else opening++;
    }
    const last = stampLines[stampLines.length - 1]!;
    const proseAfterLast = countProse(dr, last + 1, ls.length);
    if (closing === opening) (proseAfterLast <= 1 ? closing++ : opening++);
    const mode = closing > opening ? 'closing' : 'opening';
    const posts: DraftPost[] = [];
    for (const i of stampLines) dr.role[i] = 'byline';
    if (mode === 'closing') {
      let from = bodyStart;
      stampLines.forEach((stamp, k) => {
        let first = from;
        if (k === 0) {
          // The first segment may hold the page's summary before the first post: the post starts at the first
          // title-like line that has prose after it.
          const t = firstTitleWithProse(dr, from, stamp);
          first = t ?? from;
        }
        posts.push(draftPost(dr, first, stamp, stamp, 'closing'));
        from = stamp + 1;
      });
    } else {
      stampLines.forEach((stamp, k) => {
        const end = k + 1 < stampLines.length ? stampLines[k + 1]! - 1 : ls.length - 1;
        posts.push(draftPost(dr, stamp, end, stamp, 'opening'));
      });
    }
    return { posts, mode };
  }

  function draftPost(dr: Draft, first: number, last: number, stamp: number, mode: 'closing' | 'opening'): DraftPost {
    const post: DraftPost = { first, last, title: null, stamp, credit: null };
    const titleAt = mode === 'closing' ? first : stamp + 1;
    if (titleAt <= last && titleAt !== stamp) {
      const fi = dr.f[titleAt]!;
      const words = dr.lines[titleAt]!.words;
      if ((fi.titleLike || (fi.question && words <= TITLE_MAX_WORDS)) && !fi.caption && !fi.boilerplate) {
        post.title = titleAt;
        dr.role[titleAt] = 'post_title';
        // "Watch: ..." titles are followed by the video's own caption line.
        const next = titleAt + 1;
        if (fi.media && next <= last && next !== stamp && (dr.f[next]!.titleLike || dr.f[next]!.caption)) dr.role[next] = 'caption';
      }
    }
    return post;
  }

  // ---- pass 3: blocks of the body -------------------------------------------------------------------------------

  function bodyBlocks(dr: Draft, from: number, to: number, posts: DraftPost[]) {
    const { f, role, lines: ls } = dr;
    const postOf = new Map<number, DraftPost>();
    for (const p of posts) for (let i = p.first; i <= p.last; i++) postOf.set(i, p);
    for (let i = from; i < to; i++) {
      if (role[i] !== null) continue;
      const fi = f[i]!;
      const line = ls[i]!;
      const post = postOf.get(i) ?? null;
      const next = i + 1 < to && role[i + 1] === null ? i + 1 : -1;
      if (fi.boilerplate) role[i] = 'boilerplate';
      else if (fi.caption) role[i] = 'caption';
      else if (fi.contributors) role[i] = 'byline';
      else if (next >= 0 && f[next]!.caption && ls[next]!.text.startsWith(line.text)) {
        // Scrapers often give an image's alt text and then the same words with the credit.
        role[i] = 'caption';
      } else if (fi.creditOnly) {
        role[i] = 'byline';
        const ref = { name: fi.creditOnly, span: span(text, line.start, line.end) };
        if (post) post.credit ??= ref;
        else dr.credit ??= ref;
      } else if (fi.stamp && fi.stamp.hour !== null) role[i] = 'byline';
      else if (fi.leadIn && next >= 0 && isCardTitle(f[next]!, ls[next]!)) {
        role[i] = 'paragraph';
        role[next] = 'related';
        const desc = next + 1 < to && role[next + 1] === null ? next + 1 : -1;
        if (desc >= 0 && isCardDescription(f[desc]!)) role[desc] = 'related';
        i = desc >= 0 && role[desc] === 'related' ? desc : next;
      } else if (fi.titleLike && (!post || i !== post.first)) role[i] = 'heading';
      else {
        role[i] = 'paragraph';
        const dl = readDateline(line.text);
        if (dl) {
          dr.extra.push({ type: 'dateline', span: span(text, line.start, line.start + dl.length) });
          if (dl.agency) dr.credit ??= { name: dl.agency.name, span: span(text, line.start + dl.agency.start, line.start + dl.agency.end) };
        }
      }
    }
  }
}

/** Prose: ends like a sentence, or is too long to be a title; never a caption, credit or stamp. */
function isProse(fi: LineFeatures, line: Line): boolean {
  if (fi.caption || fi.boilerplate || fi.stamp || fi.creditOnly) return false;
  return fi.terminal || fi.leadIn || line.words > TITLE_MAX_WORDS;
}

function countProse(dr: Draft, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (isProse(dr.f[i]!, dr.lines[i]!)) n++;
  return n;
}

function firstTitleWithProse(dr: Draft, from: number, to: number): number | null {
  for (let i = from; i < to; i++) {
    const fi = dr.f[i]!;
    if (!fi.titleLike || dr.role[i] !== null) continue;
    for (let j = i + 1; j < to; j++) if (isProse(dr.f[j]!, dr.lines[j]!)) return i;
    return null;
  }
  return null;
}

function isCardTitle(fi: LineFeatures, line: Line): boolean {
  return (fi.titleLike || fi.question) && line.words <= TITLE_MAX_WORDS && !fi.caption && !fi.stamp;
}

/** A card's description: a sentence-like line that, unlike a paragraph, has no final stop. */
function isCardDescription(fi: LineFeatures): boolean {
  return !fi.terminal && !fi.leadIn && !fi.stamp && !fi.caption && !fi.boilerplate && !fi.creditOnly;
}
