import type { Component } from '../pipeline/component.js';
import { detectLanguage } from './detect.js';
import { tokenize } from './tokenize.js';

/** Detects the language; English-only components after it are skipped for other languages. */
export const languageDetector: Component = {
  name: 'language',
  requires: ['text', 'structure'],
  assigns: ['language'],
  run(doc) {
    // Boilerplate and captions are short and formulaic: judge the language on the body paragraphs when there are any.
    const body = doc.record.blocks.filter((b) => b.type === 'paragraph').map((b) => b.span.text).join('\n');
    doc.record.language = detectLanguage(body.length >= 200 ? body : doc.record.text);
  },
};

/** Tokens, POS tags and sentences from wink-nlp. */
export const tokenizer: Component = {
  name: 'tokenizer',
  requires: ['text', 'language'],
  assigns: ['tokens', 'sentences', 'pos'],
  englishOnly: true,
  run(doc) {
    const { tokens, sentences } = tokenize(doc.record.text);
    doc.tokens = tokens;
    doc.sentences = sentences;
  },
};
