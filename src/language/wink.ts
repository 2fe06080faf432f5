import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type Wink = ReturnType<typeof winkNLP>;
let shared: Wink | null = null;

/**
 * The process-wide wink-nlp instance. Loading the model takes ~80 ms, so it is shared; test/language.test.ts checks
 * that a document's tokens, POS and sentences do not depend on the documents read before it.
 */
export function wink(): Wink {
  if (!shared) shared = winkNLP(model, ['sbd', 'pos']);
  return shared;
}
