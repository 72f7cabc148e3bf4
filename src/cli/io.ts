// The CLI's narrow seam to the outside world, so commands can be tested in-process.
export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal (progress bars are drawn only then). */
  isTty: boolean;
  /** How bin/medwrite.js started the CLI (code cache, V8 flags): a line of `--timing`. */
  launch?: string;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTty: Boolean(process.stderr.isTTY),
  };
}

/** Thrown for usage or data errors: the CLI prints the message and exits with status 2. */
export class UsageError extends Error {}

export type Command = (args: string[], io: CliIo) => Promise<number>;
