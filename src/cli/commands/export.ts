import { parseArgs } from 'node:util';
import { ACLED_COLUMNS, claimReview, eventCsvRow } from '../../events/export/formats.js';
import { readRecords, uniqueEvents } from '../../events/export/read.js';
import { type CliCommand, UsageError } from '../command.js';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export events (ACLED-style CSV or JSON) or claims (ClaimReview-shaped JSON) from analysed records',
  usage: `newsledger export events|claims FILE.jsonl [--format csv|json]

  events   ACLED-style rows: event_date, event_type, sub_event_type, actor1, actor2, location, fatalities, source,
           notes (csv, the default), or the events themselves (json); merged reports appear once
  claims   schema.org ClaimReview-shaped objects (json only)`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' } } });
    const [what, file] = positionals;
    if ((what !== 'events' && what !== 'claims') || !file || positionals.length !== 2) throw new UsageError('export needs events|claims and one FILE.jsonl');
    const format = values.format ?? (what === 'events' ? 'csv' : 'json');
    if (format !== 'csv' && format !== 'json') throw new UsageError('--format is csv or json');
    if (what === 'claims' && format === 'csv') throw new UsageError('claims export only as json (ClaimReview)');
    const records = readRecords(file, (line, error) => io.err(`newsledger: ${file}:${line}: ${error}`));
    if (what === 'events') {
      const events = uniqueEvents(records);
      if (format === 'csv') {
        io.out(ACLED_COLUMNS.join(','));
        for (const { doc, event } of events) io.out(eventCsvRow(event, doc));
      } else io.out(JSON.stringify(events.map(({ doc, event }) => ({ doc: doc.id, ...event })), null, 2));
      return 0;
    }
    io.out(JSON.stringify(records.flatMap((r) => r.claims.map((c) => claimReview(c, r))), null, 2));
    return 0;
  },
};
