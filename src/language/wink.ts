import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type Wink = ReturnType<typeof winkNLP>;
type WinkDoc = ReturnType<Wink['readDoc']>;

let shared: Wink | null = null;

/** The lexeme table wink-nlp grows as it reads: words it had not seen are added and then count as known words. */
interface LexemeFeature {
  hash: Record<string, number>;
  list: string[];
}

type CoreModel = { features: { lexeme: LexemeFeature } };
let lexemes: LexemeFeature | null = null;

/**
 * The process-wide wink-nlp instance. Loading the model takes ~80 ms and the model cannot be loaded twice in one
 * process, so it is shared. Read documents through `readIsolated`, never `readDoc` directly.
 */
export function wink(): Wink {
  if (!shared) {
    // The instance builds its core model (lexicon and all) from the loader; keep a hand on the lexeme table it uses.
    const loader = model as unknown as { core(): CoreModel };
    const watched = Object.assign(Object.create(Object.getPrototypeOf(model)), model, {
      core: () => {
        const core = loader.core();
        lexemes = core.features.lexeme;
        return core;
      },
    });
    shared = winkNLP(watched, ['sbd', 'pos']);
  }
  return shared;
}

/**
 * Reads `text` with wink-nlp as if no other text had been read before, and returns what `read` takes from it.
 *
 * wink-nlp adds every word it has not seen to its lexeme table, and its tokenizer splits a form differently once the
 * form is in that table ("Rubio’s" is "Rubio" + "’s" the first time, one token after the form was seen). So that a
 * document's tokens never depend on the documents read before it, the forms added while reading are taken out of the
 * lookup table again afterwards. Their entries stay in wink's lists (indexes must stay aligned with its internal
 * per-lexeme data), which costs a few bytes per new form; test/language.test.ts checks the independence.
 */
export function readIsolated<T>(text: string, read: (doc: WinkDoc, its: Wink['its']) => T): T {
  const nlp = wink();
  const table = lexemes!;
  const mark = table.list.length;
  try {
    return read(nlp.readDoc(text), nlp.its);
  } finally {
    const added = table.list;
    for (let i = mark; i < added.length; i++) {
      const form = added[i]!;
      if (table.hash[form] === i) delete table.hash[form];
    }
  }
}
