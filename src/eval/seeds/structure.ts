import type { NewsRecord, Post } from '../../model/record.js';
import type { GoldDocument, GoldPost } from './gold.js';
import type { ScoreRow, SeedsSection } from './section.js';

/**
 * Structure against the gold: headline, standfirst, byline, published (UTC, or the date when the gold gives no time),
 * outlet, boilerplate, lead media, sub-headings, and for each live-blog post its exact title, authors, credit, UTC
 * time, media captions and related-article cards. Only fields the gold states are scored.
 */
export const structureSection: SeedsSection = {
  name: 'structure',
  score(run) {
    const rows = new Map<string, ScoreRow>();
    const review: string[] = [];
    const count = (name: string, ok: boolean, what: string) => {
      const row = rows.get(name) ?? { name, correct: 0, total: 0 };
      row.total++;
      if (ok) row.correct++;
      else review.push(`${name}: ${what}`);
      rows.set(name, row);
    };
    for (const gold of run.gold.documents) {
      const rec = run.records.get(gold.file);
      if (!rec) {
        count('documents', false, `${gold.file} was not analysed`);
        continue;
      }
      scoreDocument(gold, rec, count);
    }
    return { section: 'structure', rows: [...rows.values()], review };
  },
};

type Count = (name: string, ok: boolean, what: string) => void;

function scoreDocument(gold: GoldDocument, rec: NewsRecord, count: Count): void {
  const f = gold.file;
  const same = (name: string, want: unknown, got: unknown) =>
    count(name, JSON.stringify(squashAll(want)) === JSON.stringify(squashAll(got)), `${f}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  if ('headline' in gold) same('headline', gold.headline, rec.headline?.text ?? null);
  if ('standfirst' in gold) same('standfirst', gold.standfirst ?? null, rec.standfirst?.text ?? null);
  if (gold.byline) same('byline', gold.byline, rec.byline.map((b) => b.name));
  if (gold.published_utc) same('published', gold.published_utc, rec.published);
  else if (gold.date) same('published', gold.date, rec.published);
  if ('outlet' in gold) same('outlet', gold.outlet, rec.outlet);
  const blocks = (type: string) => rec.blocks.filter((b) => b.type === type).map((b) => squash(b.span.text));
  for (const b of gold.boilerplate ?? []) count('boilerplate', blocks('boilerplate').includes(squash(b)), `${f}: "${b}" not set aside`);
  for (const m of gold.lead_media ?? []) count('lead media', blocks('caption').includes(squash(m)), `${f}: lead media "${m}" not a caption`);
  for (const h of gold.subheadings ?? []) count('sub-headings', blocks('heading').includes(squash(h)), `${f}: "${h}" not a heading`);
  same('post count', gold.posts.length, rec.posts.length);
  const used = new Set<Post>();
  gold.posts.forEach((gp, k) => {
    const post = matchPost(gp, rec.posts, k, used);
    const label = `${f} post ${k + 1} "${gp.title ?? ''}"`;
    if (!post) {
      for (const name of ['post title', 'post authors', 'post credit', 'post time']) count(name, false, `${label}: no matching post`);
      return;
    }
    used.add(post);
    const check = (name: string, want: unknown, got: unknown) =>
      count(name, JSON.stringify(squashAll(want)) === JSON.stringify(squashAll(got)), `${label}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    check('post title', gp.title, post.title?.text ?? null);
    check('post authors', gp.authors, post.authors.map((a) => a.name));
    check('post credit', gp.credit, post.credit?.name ?? null);
    check('post time', gp.published_utc, post.published);
    const inPost = (type: string) =>
      rec.blocks
        .filter((b) => b.type === type && b.span.start >= post.span.start && b.span.end <= post.span.end)
        .map((b) => squash(b.span.text));
    for (const m of gp.media ?? []) count('post media', inPost('caption').includes(squash(m)), `${label}: media "${m}" not a caption`);
    for (const r of gp.related ?? []) {
      const cards = inPost('related');
      count('post related', cards.includes(squash(r.title)) && cards.includes(squash(r.description)), `${label}: card "${r.title}" not found`);
    }
  });
}

/** The predicted post for a gold post: same title, else same time, else the same position. */
function matchPost(gp: GoldPost, posts: Post[], k: number, used: Set<Post>): Post | null {
  const free = posts.filter((p) => !used.has(p));
  return (
    free.find((p) => gp.title !== null && p.title !== null && squash(p.title.text) === squash(gp.title)) ??
    free.find((p) => gp.published_utc !== null && p.published === gp.published_utc) ??
    (posts[k] && !used.has(posts[k]) ? posts[k] : null)
  );
}

/** Gold text is typed by hand: compare with every run of whitespace (NBSP included) as one space. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function squashAll(v: unknown): unknown {
  if (typeof v === 'string') return squash(v);
  if (Array.isArray(v)) return v.map(squashAll);
  return v;
}
