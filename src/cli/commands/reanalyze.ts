import { parseArgs } from 'node:util';
import { PipelineAnalyzer } from '../../store/analyzer.js';
import { Ledger } from '../../store/ledger.js';
import { dbArgument, openStore } from '../../store/open.js';
import type { CliCommand } from '../command.js';

export const reanalyzeCommand: CliCommand = {
  name: 'reanalyze',
  summary: 'rebuild every layer of the ledger from the stored inputs with this version of the pipeline',
  usage: `newsledger reanalyze [--db FILE|URL]

Analyses every stored version again, in the order they were ingested (a batch of up to 32 at a time, with the
records one at a time gives), replaces their records and re-applies every correction. One transaction: readers see
the old ledger until it is done; a version whose analysis fails fails the whole run, which changes nothing.`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { db: { type: 'string' } } });
    const store = await openStore(dbArgument(values.db));
    try {
      const t0 = performance.now();
      const n = await new Ledger(store, () => new PipelineAnalyzer()).reanalyze((done) => {
        if (done % 100 === 0) io.err(`newsledger: reanalysed ${done}`);
      });
      io.err(`newsledger: reanalysed ${n} version(s) in ${((performance.now() - t0) / 1000).toFixed(1)} s (${store.where})`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
