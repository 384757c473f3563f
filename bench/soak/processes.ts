import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The example, started as its npm script starts it, and what it printed. */
export interface ExampleProcess {
  readonly child: ChildProcess;
  /** Where it listens: http://127.0.0.1:<port>. */
  readonly url: string;
  /** The script it runs (example/app.ts or example/app-fastify.ts). */
  readonly script: string;
  /** stderr so far: a worker restart or a failed request shows here. */
  readonly errors: () => string;
}

/**
 * Runs the npm script's command (`tsx --conditions=... example/app.ts`) with the local tsx, on
 * an ephemeral port of 127.0.0.1, and resolves once the example printed its address.
 */
export async function startExample(
  npmScript: string,
  workers: string | undefined,
): Promise<ExampleProcess> {
  const scripts = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")).scripts as Record<
    string,
    string
  >;
  const [command, ...args] = (scripts[npmScript] ?? "").split(" ");
  const script = args.at(-1);
  if (command !== "tsx" || script === undefined) {
    throw new Error(
      `The soak runs the npm script "${npmScript}" as "tsx ... <file>", but package.json has "${scripts[npmScript]}"; update bench/soak/processes.ts to match.`,
    );
  }
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0" };
  if (workers === undefined) delete env.WORKERS;
  else env.WORKERS = workers;
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, args, { cwd: ROOT, env });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`The example exited with code ${code} before listening:\n${stderr}`)),
    );
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      const found = /running on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (found?.[1]) resolve(found[1]);
    });
  });
  return { child, url, script, errors: () => stderr };
}

/** A process of the machine: its parent and command line, from /proc. */
interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly argv: readonly string[];
}

function readProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: the fields follow the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const argv = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").filter(Boolean);
      entries.push({ pid: Number(name), ppid, argv });
    } catch {
      // The process ended while we read it.
    }
  }
  return entries;
}

/** The example's server processes: the primary (in cluster mode) and those that serve. */
export interface ServerProcesses {
  readonly primary: number | undefined;
  readonly serving: readonly number[];
}

/**
 * Finds the server processes under the spawned tsx: the node processes running the example's
 * script (not tsx's own launcher, not esbuild). Those whose parent is one of them are cluster
 * workers, and then the parent is the primary.
 */
export function serverProcesses(example: ExampleProcess): ServerProcesses {
  const all = readProcesses();
  const descendants = new Set<number>([example.child.pid ?? -1]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const entry of all) {
      if (descendants.has(entry.ppid) && !descendants.has(entry.pid)) {
        descendants.add(entry.pid);
        grew = true;
      }
    }
  }
  const servers = all.filter(
    (entry) =>
      descendants.has(entry.pid) &&
      entry.pid !== example.child.pid &&
      entry.argv.some((arg) => arg.endsWith(example.script)),
  );
  const ids = new Set(servers.map((entry) => entry.pid));
  const workers = servers.filter((entry) => ids.has(entry.ppid)).map((entry) => entry.pid);
  if (workers.length > 0) {
    return { primary: servers.find((entry) => !ids.has(entry.ppid))?.pid, serving: workers };
  }
  return { primary: undefined, serving: servers.map((entry) => entry.pid) };
}

/** Resident memory of a process in bytes (VmRSS), 0 if it is gone. */
export function residentBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kib === undefined ? 0 : Number(kib) * 1024;
  } catch {
    return 0;
  }
}

/** The resident memory the example serves with: its one process, or the sum of its workers. */
export function servingMemory(example: ExampleProcess): { bytes: number; processes: number } {
  const { serving } = serverProcesses(example);
  return {
    bytes: serving.reduce((sum, pid) => sum + residentBytes(pid), 0),
    processes: serving.length,
  };
}

/**
 * Stops the example as an operator would: SIGTERM to tsx, which passes it on; resolves to its
 * exit code and how long it took (a graceful close with no request in flight is quick).
 */
export function stopExample(
  example: ExampleProcess,
  timeoutMs = 15_000,
): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    if (example.child.exitCode !== null) {
      resolve({ code: example.child.exitCode, ms: 0 });
      return;
    }
    const kill = setTimeout(() => example.child.kill("SIGKILL"), timeoutMs);
    example.child.once("exit", (code) => {
      clearTimeout(kill);
      resolve({ code, ms: Date.now() - started });
    });
    example.child.kill("SIGTERM");
  });
}
