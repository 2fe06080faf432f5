/** A CLI command: `newsledger NAME ...args`. Each lives in src/cli/commands/ and is listed in src/cli/commands.ts. */
export interface CliCommand {
  name: string;
  /** One line for `newsledger help`. */
  summary: string;
  /** Full usage text for `newsledger help NAME`. */
  usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

export class UsageError extends Error {}
