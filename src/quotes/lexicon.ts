import { readWordList } from '../util/wordList.js';

// The reviewed word lists of data/quotes/, read once. Plain text, one item a line, '#' starts a comment.

export interface QuoteLexicon {
  /** Every form of every reporting verb, lower case → its base form. */
  cueVerbs: Map<string, string>;
  /** Multi-word cues as lower-case token sequences. */
  cuePhrases: string[][];
  pronouns: Set<string>;
  anonymousHeads: Set<string>;
  roleNouns: Set<string>;
  /** Heads through which an organisation speaks ("a UKIP spokesman", "a World Bank report"). */
  voiceNouns: Set<string>;
  /** Times that can end a speaker phrase read too far: on their own ("Tuesday", compared as written) and after a
   * modifier ("last month", lower case). */
  sourceTimes: Set<string>;
  sourceTimeNouns: Set<string>;
  /** Lengths of time before "after", "before" … in a speaker phrase ("a month after the firm warned"). */
  durations: Set<string>;
  /** Verbs whose object does what the infinitive after it says ("leading him to quip"): every form, lower case. */
  objectControlVerbs: Set<string>;
  /** Cue verbs whose object is the one spoken to ("told reporters"): base forms, as cueVerbs gives them. */
  addresseeVerbs: Set<string>;
  /** Nouns that after "the" stand for an organisation named earlier ("the company said"). */
  organisationNouns: Set<string>;
  /** Words after which a speaker mention's head noun is no longer looked for. */
  headStops: Set<string>;
  /** Lower-case particles inside names (de, van, von). */
  nameParticles: Set<string>;
  /** Section labels before a colon that name no speaker ("Update:", "Watch:"). */
  labelWords: Set<string>;
  /** Words after which a quotation is a title, not speech (title-words.txt). */
  titleWords: Set<string>;
  /** Verbs that name more often than they report (naming-verbs.txt), all forms. */
  namingVerbs: Set<string>;
  /** Prepositional cues followed by their source ("according to"), as lower-case token sequences. */
  sourceAfterCues: string[][];
  /** Asides that say a source is not named ("who asked not to be named"), as lower-case token sequences. */
  anonymityAsides: string[][];
  /** Nouns for a place's own government ("the government in Cairo" speaks for the place). */
  placeInstitutions: Set<string>;
  /** Titles borne with a place after "of" ("Lord Nicholls of Birkenhead"). */
  placeTitles: Set<string>;
  /** Labels of an interview's lines as written ("Q", "Answer") → whether they open a question or an answer. */
  interviewLabels: Map<string, 'question' | 'answer'>;
}

function lines(file: string): string[] {
  return readWordList('quotes', file);
}

let cached: QuoteLexicon | undefined;

export function quoteLexicon(): QuoteLexicon {
  if (cached) return cached;
  const cueVerbs = new Map<string, string>();
  for (const line of lines('cue-verbs.txt')) {
    const forms = line.toLowerCase().split(/\s+/);
    for (const f of forms) if (!cueVerbs.has(f)) cueVerbs.set(f, forms[0]!);
  }
  cached = {
    cueVerbs,
    cuePhrases: lines('cue-phrases.txt').map((l) => l.toLowerCase().split(/\s+/)),
    pronouns: new Set(lines('pronouns.txt').map((l) => l.toLowerCase())),
    anonymousHeads: new Set(lines('anonymous.txt').map((l) => l.toLowerCase())),
    roleNouns: new Set(lines('role-nouns.txt').map((l) => l.toLowerCase())),
    voiceNouns: new Set(lines('voice-nouns.txt').map((l) => l.toLowerCase())),
    objectControlVerbs: new Set(lines('object-control-verbs.txt').flatMap((l) => l.toLowerCase().split(/\s+/))),
    addresseeVerbs: new Set(lines('addressee-verbs.txt').map((l) => l.toLowerCase())),
    organisationNouns: new Set(lines('organisation-nouns.txt').map((l) => l.toLowerCase())),
    sourceTimes: new Set(lines('source-times.txt')),
    sourceTimeNouns: new Set(lines('source-time-nouns.txt').map((l) => l.toLowerCase())),
    durations: new Set(lines('durations.txt').map((l) => l.toLowerCase())),
    headStops: new Set(lines('head-stops.txt').map((l) => l.toLowerCase())),
    nameParticles: new Set(lines('name-particles.txt')),
    labelWords: new Set(lines('label-words.txt').map((l) => l.toLowerCase())),
    titleWords: new Set(lines('title-words.txt').map((l) => l.toLowerCase())),
    namingVerbs: new Set(lines('naming-verbs.txt').flatMap((l) => l.toLowerCase().split(/\s+/))),
    sourceAfterCues: lines('source-after-cue.txt').map((l) => l.toLowerCase().split(/\s+/)),
    anonymityAsides: lines('anonymity-asides.txt').map((l) => l.toLowerCase().split(/\s+/)),
    placeInstitutions: new Set(lines('place-institutions.txt').map((l) => l.toLowerCase())),
    placeTitles: new Set(lines('titles-of-place.txt').map((l) => l.toLowerCase())),
    interviewLabels: new Map(
      lines('interview-labels.txt').map((l) => {
        const [label, role] = l.split(/\s+/);
        if (role !== 'question' && role !== 'answer') throw new Error(`interview-labels.txt: "${l}" is neither a question nor an answer label`);
        return [label!, role];
      }),
    ),
  };
  return cached;
}
