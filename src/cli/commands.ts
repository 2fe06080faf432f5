import type { CliCommand } from './command.js';
import { analyzeCommand } from './commands/analyze.js';
import { evalCommand } from './commands/eval.js';
import { exportCommand } from './commands/export.js';
import { timelineCommand } from './commands/timeline.js';
import { correctCommand } from './commands/correct.js';
import { ingestCommand } from './commands/ingest.js';
import { reanalyzeCommand } from './commands/reanalyze.js';
import { searchCommand } from './commands/search.js';
import { serveCommand } from './commands/serve.js';
import { workerCommand } from './commands/worker.js';
import { errorsCommand } from './commands/errors.js';
import { retryCommand } from './commands/retry.js';
import { checkCommand } from './commands/check.js';

/** Every CLI command. A new command is a file in commands/ and one line here. */
export const COMMANDS: readonly CliCommand[] = [analyzeCommand, evalCommand, timelineCommand, exportCommand,
  ingestCommand, reanalyzeCommand, searchCommand, correctCommand, serveCommand, workerCommand, errorsCommand,
  retryCommand, checkCommand,
];
