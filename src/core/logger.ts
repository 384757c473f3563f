/**
 * Where the app writes its log lines: template lookups (with `explainTemplateLoading`),
 * warnings, and the errors of failed requests. `console` fits.
 * @example new MicroServicesApp(import.meta.url, { logger: pino() });
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/**
 * An error's stack for a log line that already says what the error is: its frames only, since
 * the stack's first line repeats the name and message (a failed request logged its error
 * message twice otherwise). Its cause, if any, follows.
 */
function framesAfter(message: string, error: unknown): unknown[] {
  if (!(error instanceof Error) || typeof error.stack !== "string") return [error];
  const header = `${error.name}: ${error.message}`;
  if (!message.includes(header) || !error.stack.startsWith(header)) return [error];
  const frames = error.stack.slice(header.length);
  return error.cause === undefined ? [frames] : [frames, "\nCaused by:", error.cause];
}

/** The default logger: the console, errors with their stacks. */
export const consoleLogger: Logger = {
  info: (message) => console.info(message),
  warn: (message) => console.warn(message),
  error: (message, error) =>
    error === undefined
      ? console.error(message)
      : console.error(message, ...framesAfter(message, error)),
};
