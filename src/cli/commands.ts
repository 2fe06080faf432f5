import type { CliCommand } from './command.js';
import { analyzeCommand } from './commands/analyze.js';
import { evalCommand } from './commands/eval.js';
import { exportCommand } from './commands/export.js';
import { timelineCommand } from './commands/timeline.js';

/** Every CLI command. A new command is a file in commands/ and one line here. */
export const COMMANDS: readonly CliCommand[] = [analyzeCommand, evalCommand, timelineCommand, exportCommand];
