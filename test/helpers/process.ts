import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { get } from "node:http";
import { connect } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A TypeScript script of the package run as its own node process, as `tsx` runs it. */
export interface ScriptProcess {
  readonly child: ChildProcess;
  /** The first line of stdout that `match` accepts. */
  line(match: (text: string) => boolean): Promise<string>;
  /** Resolves to the exit code (a signal's death is `null`). */
  readonly exited: Promise<number | null>;
  /** Everything written to stderr so far. */
  stderr(): string;
}

/**
 * Runs `script` (relative to the package root) with node and tsx's loader, the package's own
 * source resolved for `microservices-app`. `child.pid` is the script's own process (no tsx
 * launcher in between), so signals and exit codes are its own.
 */
export function runScript(script: string, env: Record<string, string>): ScriptProcess {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=microservices-app-source", script],
    { cwd: ROOT, env: { ...process.env, ...env } },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return {
    child,
    exited,
    stderr: () => stderr,
    line: (match) =>
      new Promise((resolve, reject) => {
        lines.on("line", (text) => {
          if (match(text)) resolve(text);
        });
        child.once("exit", (code) =>
          reject(new Error(`${script} exited with code ${code} first; its stderr:\n${stderr}`)),
        );
      }),
  };
}

/** A GET on a connection of its own (no keep-alive), so that a cluster may route it anywhere. */
export function getOnNewConnection(
  port: number,
  path: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port, path, agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    }).on("error", reject);
  });
}

/** Whether a TCP connection to the port is refused (nothing listens there any more). */
export function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

/** Whether a process of that id is running. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` until it is true, or fails with `what` after `timeoutMs`. */
export async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs an ES module script in a fresh node (sources loaded through tsx) where code generation
 * from strings is forbidden, as under a strict Content Security Policy; resolves to its output.
 * @example runWithoutCodeGeneration(`console.log(1)`); // "1\n"
 */
export function runWithoutCodeGeneration(script: string): string {
  return execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--disallow-code-generation-from-strings",
      "--input-type=module",
      "-e",
      script,
    ],
    { encoding: "utf8" },
  );
}
