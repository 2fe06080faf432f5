// Claims: statements of fact whose truth the coverage marks. An attributed statement ("X said that ...", "..., X
// said") is claimed; the sentences after it may mark it unconfirmed ("Russia has not confirmed this"), denied,
// disputed, or confirmed by another source; a statistic stated in the outlet's own voice is asserted.
import type { Claim, ClaimStatus, EntityRef, NewsRecord, Span } from '../../model/record.js';
import { span } from '../../model/span.js';
import type { SentenceBound } from '../time/resolve.js';
import { alternation, eventLexicon } from '../lexicon.js';
import { MentionIndex, nameAt, refFor } from '../names.js';
import { SpanIndex } from '../spans.js';
import { partitionPoint } from '../../util/search.js';

/** Sentences after a claim searched for what marks its truth. */
export const STATUS_SENTENCES_AFTER = 3;
/** Longest claimant phrase read before a verb, in characters. */
const MAX_CLAIMANT_CHARS = 60;
/** Sentences longer than this are not read for claims (they are not prose). */
const MAX_SENTENCE_CHARS = 2_000;

interface Found {
  claim: Span;
  claimant: EntityRef | null;
  sentence: number;
  status: ClaimStatus;
  evidence: Span[];
}

/** The regular expressions of the status cues, most telling first (data/events status_cues). */
export function statusCues(): ReadonlyArray<readonly [ClaimStatus, RegExp]> {
  const lex = eventLexicon();
  return (Object.entries(lex.status_cues) as Array<[ClaimStatus, string[]]>).map(
    ([status, words]) => [status, new RegExp(`(?<![a-z])(?:${alternation(words)})(?![a-z])`)] as const,
  );
}

export function extractClaims(record: NewsRecord, sentences: SentenceBound[]): Claim[] {
  const text = record.text;
  const lex = eventLexicon();
  const index = new MentionIndex(record);
  const verbs = alternation(lex.claim_verbs);
  const before = new RegExp(`^(?:(?:while|but|and|as)[ \\t]{1,3})?([^,;:"“”]{2,${MAX_CLAIMANT_CHARS}}?)[ \\t]{1,3}(?:has[ \\t]{1,3}|have[ \\t]{1,3})?(?:${verbs})(?:[ \\t]{1,3}(?:on|in|this|last|earlier)[ \\t]{1,3}[^,"“]{1,40}?)?[ \\t]{1,3}(?:that[ \\t]{1,3})?([^"“”]{12,}?)(?:,[ \\t]{1,3}(?=[A-Z])|[.;]?$)`, 'i');
  const after = new RegExp(`^([^"“”]{12,}?),[ \\t]{1,3}((?:[A-Z]|the[ \\t]|a[ \\t])[^,;:"“”]{1,${MAX_CLAIMANT_CHARS}}?)[ \\t]{1,3}(?:${verbs})[.]?$`);
  // Compiled once per document, not per sentence.
  const cues = statusCues();
  const found: Found[] = [];
  // A direct quote containing the span (an index of the quotes: one look-up per line, not a pass over the quotes).
  const directQuotes = new SpanIndex((record.quotes ?? []).filter((q) => q.kind === 'direct').map((q) => q.content));
  const quoteCovered = (s: number, e: number) => directQuotes.contains(s, e);
  // Each line of each sentence is read on its own: a heading glued to the sentence after it is not part of it.
  const segments: Array<{ start: number; end: number; si: number }> = [];
  for (let si = 0; si < sentences.length; si++) {
    const sent = sentences[si]!;
    if (sent.end - sent.start > MAX_SENTENCE_CHARS) continue;
    let at = sent.start;
    while (at < sent.end) {
      // The next line break inside the sentence (a search that stops at its end, not at the text's).
      let nl = at;
      while (nl < sent.end && text.charCodeAt(nl) !== 10) nl++;
      const e = nl;
      if (e > at) segments.push({ start: at, end: e, si });
      at = e + 1;
    }
  }
  for (const seg of segments) {
    const si = seg.si;
    const sent = { start: seg.start, end: seg.end };
    const end = seg.end;
    const s = text.slice(sent.start, end).trimEnd();
    if (!s.trim() || quoteCovered(sent.start, end)) continue;
    let claimStart = -1;
    let claimEnd = -1;
    let claimantAt = -1;
    let claimantLen = 0;
    const a = after.exec(s);
    const b = a ? null : before.exec(s);
    if (a) {
      claimStart = sent.start;
      claimEnd = sent.start + a[1]!.length;
      claimantAt = sent.start + s.indexOf(a[2]!, a[1]!.length);
      claimantLen = a[2]!.length;
    } else if (b) {
      claimantAt = sent.start + s.indexOf(b[1]!);
      claimantLen = b[1]!.length;
      claimStart = sent.start + s.lastIndexOf(b[2]!);
      claimEnd = claimStart + b[2]!.length;
    }
    if (claimStart >= 0) {
      const claimantText = text.slice(claimantAt, claimantAt + claimantLen);
      if (/^(?:he|she|they|it|we|i|you)$/i.test(claimantText.trim())) continue;
      const run = nameAt(text, claimantAt, claimantAt + claimantLen);
      // A claimant with no name ("the ministry") is still named by its phrase.
      const phrase = claimantText.trim().replace(/^(?:the|a|an)\s+/i, '');
      const claimant: EntityRef | null = run
        ? { ...refFor(index, run), name: /['’]s\b/.test(claimantText) ? claimantText.trim() : refFor(index, run).name }
        : phrase
          ? { entity: null, name: phrase }
          : null;
      found.push({ claim: span(text, claimStart, claimEnd), claimant, sentence: si, status: 'claimed', evidence: [] });
      continue;
    }
    if (lex.assertion_cues.some((c) => s.includes(c)) && !/[?"“]/.test(s)) {
      found.push({ claim: span(text, sent.start, end), claimant: record.outlet ? { entity: null, name: record.outlet } : null, sentence: si, status: 'asserted', evidence: [] });
    }
  }
  // What the coverage says about each claim: the rest of its sentence, then the next few sentences.
  const claimSentences = new Set(found.map((f) => f.sentence));
  for (const f of found) {
    if (f.status === 'asserted') continue;
    for (let si = f.sentence; si < Math.min(sentences.length, f.sentence + 1 + STATUS_SENTENCES_AFTER); si++) {
      // A later claim of its own takes what follows it.
      if (si > f.sentence && claimSentences.has(si)) break;
      const sent = sentences[si]!;
      const from = si === f.sentence ? f.claim.end : sent.start;
      if (sent.end - from <= 0 || sent.end - sent.start > MAX_SENTENCE_CHARS) continue;
      const s = text.slice(from, sent.end).toLowerCase();
      // What a speaker says in quotation marks ("we confirmed our support") is not the coverage's verdict.
      if (/^\s*["“]/.test(text.slice(sent.start, sent.end))) continue;
      const hit = cues.find(([, re]) => re.test(s));
      if (!hit) continue;
      // A confirmation by the claimant itself is no confirmation.
      if (hit[0] === 'confirmed' && f.claimant && s.includes(f.claimant.name.toLowerCase().split(' ').pop()!)) continue;
      f.status = hit[0];
      f.evidence.push(span(text, from === sent.start ? sent.start : from, sent.end));
      break;
    }
  }
  // A claim is a checkable statement: it reports an event the events layer found, states a figure, or the coverage
  // marks its truth. Stances, plans and opinions said by someone stay quotes ("it will never tolerate ...").
  // The offsets of this document's event reports, sorted: "an event reported inside the claim" is a binary search.
  const reported = (record.events ?? []).flatMap((e) => (e.reports ?? []).filter((r) => r.doc === record.id).map((r) => r.offsets[0])).sort((a, b) => a - b);
  const reportedIn = (start: number, end: number) => {
    const lo = partitionPoint(reported.length, (i) => reported[i]! >= start);
    return lo < reported.length && reported[lo]! < end;
  };
  const figure = new RegExp(`\\d|${alternation(lex.claim_figure_cues)}`);
  const checkable = (f: Found) => f.status !== 'claimed' || figure.test(f.claim.text) || reportedIn(f.claim.start, f.claim.end);
  return found.filter(checkable).map((f, i) => ({ id: `${record.id}:c${i + 1}`, claim: f.claim, claimant: f.claimant, status: f.status, evidence: f.evidence.map((e) => trim(text, e)), confidence: f.status === 'claimed' || f.status === 'asserted' ? 0.5 : 0.7 }));
}

function trim(text: string, s: Span): Span {
  let a = s.start;
  let b = s.end;
  while (a < b && /[\s,]/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  return span(text, a, b);
}
