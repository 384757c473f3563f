import { format } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { consoleLogger } from "../../src/core/logger.js";

const original = console.error;
afterEach(() => {
  console.error = original;
});

/** What consoleLogger.error prints, as the console would format it. */
function printed(message: string, error: unknown): string {
  let text = "";
  console.error = (...args: unknown[]) => {
    text += format(...args);
  };
  consoleLogger.error(message, error);
  return text;
}

describe("the console logger", () => {
  it("prints a failed request's error message once, then its stack's frames", () => {
    const error = new Error("database is down");
    const text = printed("GET /forum/ failed with a 500: Error: database is down", error);
    expect(text.match(/database is down/g)).toHaveLength(1);
    expect(text).toMatch(/\n\s+at /);
  });

  it("prints the error whole when the message does not already say it", () => {
    const text = printed("The error page template 500.html failed to render.", new Error("boom"));
    expect(text).toContain("Error: boom");
    expect(text).toMatch(/\n\s+at /);
  });
});
