import type { Logger } from "microservices-app";

/** A logger that keeps its lines, so tests can assert what the app logged. */
export function captureLogger(): Logger & { lines: string[]; errors: unknown[] } {
  const lines: string[] = [];
  const errors: unknown[] = [];
  return {
    lines,
    errors,
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    error: (message, error) => {
      lines.push(`error: ${message}`);
      errors.push(error);
    },
  };
}
