import type { Logger } from "microservices-app";

/** A logger that keeps its lines, so tests can assert what the app logged. */
export function captureLogger(): Logger & {
  lines: string[];
  errors: unknown[];
  /** Resolves with the first line from `from` on that contains `text`, once it is logged. */
  logged(text: string, from?: number): Promise<string>;
} {
  const lines: string[] = [];
  const errors: unknown[] = [];
  const waiting: { text: string; resolve: (line: string) => void }[] = [];
  const add = (line: string) => {
    lines.push(line);
    for (const waiter of waiting.filter(({ text }) => line.includes(text))) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  };
  return {
    lines,
    errors,
    info: (message) => add(`info: ${message}`),
    warn: (message) => add(`warn: ${message}`),
    error: (message, error) => {
      errors.push(error);
      add(`error: ${message}`);
    },
    logged: (text, from = 0) => {
      const line = lines.slice(from).find((candidate) => candidate.includes(text));
      if (line !== undefined) return Promise.resolve(line);
      return new Promise((resolve) => waiting.push({ text, resolve }));
    },
  };
}
