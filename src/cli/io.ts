/** Where a command writes, and the folder it runs in: a process's, or a test's. */
export interface CliIO {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
}

/**
 * A mistake in how a command was called (a bad option, a missing file): printed as it is,
 * without a stack, and the command exits 1.
 * @example throw new CliError("No app file: pass --app app.ts.");
 */
export class CliError extends Error {
  override name = "CliError";
}

/** The process's own IO: stdout, stderr and the current folder. */
export const processIO = (): CliIO => ({
  cwd: process.cwd(),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
