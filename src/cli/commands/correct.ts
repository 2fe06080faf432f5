import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { PipelineAnalyzer } from '../../store/analyzer.js';
import { correctionInput } from '../../store/corrections.js';
import { Ledger } from '../../store/ledger.js';
import { dbArgument, openStore } from '../../store/open.js';
import { StoreError } from '../../store/store.js';
import { type CliCommand, UsageError } from '../command.js';

const USAGE = `newsledger correct ACTION ARGS... --why REASON [--who NAME] [--db FILE|URL]

  fix-speaker DOC QUOTE NAME [--entity ID]   the quote was said by NAME
  reject LAYER DOC ID                         LAYER is quotes, entities, events or claims
  merge-entities INTO FROM...                 FROM entities are INTO
  split-entity ENTITY DOC [--name NAME]       in DOC, ENTITY is someone else
  merge-statements STATEMENT STATEMENT...     one utterance (the first id is kept)
  split-statement DOC QUOTE                   the quote reports an utterance of its own
  list [--document DOC]                       the corrections made, newest first

Corrections are stored with who (default: your user name), when and why, and survive reanalyze.`;

export const correctCommand: CliCommand = {
  name: 'correct',
  summary: 'correct the ledger: fix a speaker, merge or split entities and statements, reject an item; list history',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { db: { type: 'string' }, who: { type: 'string' }, why: { type: 'string' }, entity: { type: 'string' },
        name: { type: 'string' }, document: { type: 'string' } },
    });
    const [action, ...rest] = positionals;
    const store = await openStore(dbArgument(values.db));
    try {
      if (action === 'list') {
        const page = await store.listCorrections({ document: values.document }, { limit: 500, offset: 0 });
        for (const c of page.items) io.out(JSON.stringify(c));
        return 0;
      }
      const who = values.who ?? process.env.USER ?? userInfo().username;
      const base = { who, why: values.why };
      const need = (n: number, what: string) => {
        if (rest.length < n) throw new UsageError(`${action} needs ${what}`);
      };
      let input: unknown;
      switch (action) {
        case 'fix-speaker': need(3, 'DOC QUOTE NAME'); input = { action: 'fix_speaker', document: rest[0], quote: rest[1], name: rest.slice(2).join(' '), entity: values.entity, ...base }; break;
        case 'reject': need(3, 'LAYER DOC ID'); input = { action: 'reject', layer: rest[0], document: rest[1], id: rest[2], ...base }; break;
        case 'merge-entities': need(2, 'INTO FROM...'); input = { action: 'merge_entities', into: rest[0], from: rest.slice(1), ...base }; break;
        case 'split-entity': need(2, 'ENTITY DOC'); input = { action: 'split_entity', entity: rest[0], document: rest[1], name: values.name, ...base }; break;
        case 'merge-statements': need(2, 'two or more statement ids'); input = { action: 'merge_statements', statements: rest, ...base }; break;
        case 'split-statement': need(2, 'DOC QUOTE'); input = { action: 'split_statement', document: rest[0], quote: rest[1], ...base }; break;
        default: throw new UsageError(`unknown action "${action ?? ''}"`);
      }
      const parsed = correctionInput.safeParse(input);
      if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
      try {
        // Corrections need no analysis: the analyser is made only if a write has to replay (it never does here).
        const c = await new Ledger(store, () => new PipelineAnalyzer()).correct(parsed.data);
        io.out(JSON.stringify(c));
        return 0;
      } catch (e) {
        if (e instanceof StoreError) {
          io.err(`newsledger correct: ${e.message}`);
          return 1;
        }
        throw e;
      }
    } finally {
      await store.close();
    }
  },
};
