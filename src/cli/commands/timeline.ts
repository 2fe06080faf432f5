import { parseArgs } from 'node:util';
import { readRecords, uniqueEvents } from '../../events/export/read.js';
import { type CliCommand, UsageError } from '../command.js';

export const timelineCommand: CliCommand = {
  name: 'timeline',
  summary: 'print the events of analysed records in date order',
  usage: `newsledger timeline FILE.jsonl [--background]

  FILE.jsonl     records as written by \`newsledger analyze\` ("-" reads standard input)
  --background   also list history told for context (e.g. "signed in 1994")

One line per event (merged reports once): date, type, what triggered it, actor, place, casualties, documents.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { background: { type: 'boolean', default: false } } });
    if (positionals.length !== 1) throw new UsageError('timeline needs one FILE.jsonl');
    const records = readRecords(positionals[0]!, (line, error) => io.err(`newsledger: ${positionals[0]}:${line}: ${error}`));
    const events = uniqueEvents(records).filter(({ event }) => values.background || !event.background);
    events.sort((a, b) => (a.event.date?.value ?? '~').localeCompare(b.event.date?.value ?? '~'));
    for (const { doc, event: e } of events) {
      const who = e.actor?.name ?? '?';
      const where = e.place ? ` in ${e.place.name}` : '';
      const cas = e.casualties ? ` [killed ${e.casualties.killed ?? '?'}, injured ${e.casualties.injured ?? '?'}]` : '';
      const docs = [...new Set((e.reports ?? [{ doc: doc.id }]).map((r) => r.doc))].join(', ');
      io.out(`${(e.date?.value ?? 'undated').padEnd(10)}  ${e.type}${e.sub_type ? '/' + e.sub_type : ''}: ${who} "${e.trigger.text}"${where}${cas}${e.background ? ' (background)' : ''}  <${docs}>`);
    }
    return 0;
  },
};
