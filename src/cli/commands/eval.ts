import { type CliCommand, UsageError } from '../command.js';
import { EVALUATIONS } from '../../eval/registry.js';

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'score Newsledger against gold data (seeds, ner, quotes, time)',
  get usage() {
    return `newsledger eval KIND [options]\n\n${EVALUATIONS.map((e) => `  ${e.usage}`).join('\n')}`;
  },
  async run(args, io) {
    const [kind, ...rest] = args;
    const evaluation = EVALUATIONS.find((e) => e.name === kind);
    if (!evaluation) throw new UsageError(`eval needs one of: ${EVALUATIONS.map((e) => e.name).join(', ')}`);
    return evaluation.run(rest, io);
  },
};
