import { parseArgs } from 'node:util';
import { citation, exportLines } from '../../store/export.js';
import { dbArgument, openStore } from '../../store/open.js';
import { filtersSchema, LAYERS } from '../../store/params.js';
import type { Filters, Page, QuoteRow } from '../../store/store.js';
import { type CliCommand, UsageError } from '../command.js';

/** Rows fetched per query while exporting everything (--all). */
const EXPORT_PAGE = 1000;

export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'search the ledger (documents, quotes, statements, entities, events, claims); export as JSONL, CSV or citations',
  usage: `newsledger search [QUERY] [--db FILE|URL] [--layer quotes] [filters] [--format jsonl|csv|citation] [--limit N|--all]

  QUERY              words that must all occur; "a phrase" in double quotes must occur as written
  --layer L          ${LAYERS.join(', ')} (default quotes)
  --speaker NAME     the speaker's name, whole or last word ("Biden")
  --entity ID|NAME   only documents that mention this entity
  --outlet NAME      --kind direct|mixed|indirect   --event-type TYPE   --claim-status STATUS
  --from DAY --to DAY  publication days, YYYY-MM-DD, inclusive
  --document KEY     --statement ID
  --format F         jsonl (default), csv, or citation (quotes: speaker, words, outlet, headline, time, URL)
  --limit N          rows (default 50); --offset N; --all exports every match`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        db: { type: 'string' }, layer: { type: 'string', default: 'quotes' }, speaker: { type: 'string' },
        entity: { type: 'string' }, outlet: { type: 'string' }, kind: { type: 'string' }, 'event-type': { type: 'string' },
        'claim-status': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, document: { type: 'string' },
        statement: { type: 'string' }, format: { type: 'string', default: 'jsonl' }, limit: { type: 'string', default: '50' },
        offset: { type: 'string', default: '0' }, all: { type: 'boolean', default: false },
      },
    });
    const layer = values.layer as (typeof LAYERS)[number];
    if (!LAYERS.includes(layer)) throw new UsageError(`--layer is one of ${LAYERS.join(', ')}`);
    const format = values.format;
    if (format !== 'jsonl' && format !== 'csv' && format !== 'citation') throw new UsageError('--format is jsonl, csv or citation');
    if (format === 'citation' && layer !== 'quotes') throw new UsageError('--format citation is for --layer quotes');
    const parsed = filtersSchema.safeParse({
      q: positionals.length ? positionals.join(' ') : undefined, speaker: values.speaker, entity: values.entity,
      outlet: values.outlet, kind: values.kind, event_type: values['event-type'], claim_status: values['claim-status'],
      from: values.from, to: values.to, document: values.document, statement: values.statement,
    });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.').replace('_', '-')}: ${i.message}`).join('; '));
    const limit = Number(values.limit);
    const offset = Number(values.offset);
    if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) throw new UsageError('--limit and --offset are whole numbers');
    const f: Filters = parsed.data;
    const store = await openStore(dbArgument(values.db));
    try {
      let page = { limit: values.all ? EXPORT_PAGE : limit, offset };
      let first = true;
      for (;;) {
        const result: Page<object> = await listLayer(store, layer, f, page);
        if (format === 'citation') for (const q of result.items as QuoteRow[]) io.out(citation(q));
        else for (const line of exportLines(result.items, format, first)) io.out(line);
        first = false;
        if (!values.all || result.next === null) break;
        page = { ...page, offset: result.next };
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};

export function listLayer(store: import('../../store/store.js').Store, layer: (typeof LAYERS)[number], f: Filters, page: { limit: number; offset: number }): Promise<Page<object>> {
  switch (layer) {
    case 'documents': return store.listDocuments(f, page);
    case 'quotes': return store.listQuotes(f, page);
    case 'statements': return store.listStatements(f, page);
    case 'entities': return store.listEntities(f, page);
    case 'events': return store.listEvents(f, page);
    case 'claims': return store.listClaims(f, page);
  }
}
