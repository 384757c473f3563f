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

/** The default logger: the console, errors with their stacks. */
export const consoleLogger: Logger = {
  info: (message) => console.info(message),
  warn: (message) => console.warn(message),
  error: (message, error) =>
    error === undefined ? console.error(message) : console.error(message, error),
};
