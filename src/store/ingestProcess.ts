// `newsledger ingest` in a process of its own, without the rest of the CLI: the crash trials and the reliability
// tests start many of these and kill them (src/bench/stages/faults.ts), and loading every command (the pipeline, the
// server) would take most of each run. Same command, same code path: `node ingestProcess.js ARGS...` is
// `newsledger ingest ARGS...`, and `node ingestProcess.js worker ARGS...` is `newsledger worker ARGS...`.
import { ingestCommand } from '../cli/commands/ingest.js';
import { workerCommand } from '../cli/commands/worker.js';

const args = process.argv.slice(2);
const command = args[0] === 'worker' ? workerCommand : ingestCommand;
command.run(args[0] === 'worker' ? args.slice(1) : args, {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`newsledger: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
