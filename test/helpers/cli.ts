import { fileURLToPath } from "node:url";
import type { CliIO } from "../../src/cli/io.js";

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A CLI IO for a test: the folder it runs in, and what the command wrote. */
export function captureIO(cwd: string): CliIO & { stdout(): string; stderr(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd,
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    stdout: () => out.join("\n"),
    stderr: () => err.join("\n"),
  };
}
