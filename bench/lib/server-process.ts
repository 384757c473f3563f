import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import type { ServerOptions } from "../servers/types.js";
import { pinned, SERVER_CPU } from "./cpus.js";

const SERVER_SCRIPT = fileURLToPath(new URL("../server.ts", import.meta.url));
/**
 * The servers, bundled into one JavaScript file next to the generated apps (so that its
 * relative paths are the source's): they run on plain `node`, as users run an app, not
 * through tsx, whose loader thread handled every file a server imported and so charged our
 * side's memory (it imports its modules' files; the plain sides define routes inline).
 */
const SERVER_BUNDLE = fileURLToPath(new URL("../.generated/server.mjs", import.meta.url));
let bundled = false;

/** Bundles bench/server.ts and the servers it imports, once per run; packages stay imports. */
function bundleServers(): string {
  if (!bundled) {
    buildSync({
      entryPoints: [SERVER_SCRIPT],
      outfile: SERVER_BUNDLE,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      logLevel: "warning",
    });
    bundled = true;
  }
  return SERVER_BUNDLE;
}

/** Which server to start: a family of bench/servers/, one of its variants, and its options. */
export interface ServerSpec {
  readonly family: "routing" | "static" | "template" | "pipeline";
  readonly variant: string;
  readonly options: ServerOptions;
}

/** A benchmark server running in its own process. */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Resident memory in bytes, read from /proc (Linux), or `undefined` elsewhere. */
  rss(): number | undefined;
  /** The live JS heap in bytes when it started listening, after a forced collection. */
  readonly heapUsed: number;
  stop(): Promise<void>;
}

/** Resident memory of a process from /proc/<pid>/status, in bytes. */
export function residentMemory(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kilobytes === undefined ? undefined : Number(kilobytes) * 1024;
  } catch {
    return undefined;
  }
}

/** Starts a server on the server CPU and waits for its "listening <port>" line. */
export function startServer(spec: ServerSpec): Promise<ServerProcess> {
  const argv = pinned(SERVER_CPU, [
    process.execPath,
    "--expose-gc",
    bundleServers(),
    spec.family,
    spec.variant,
    JSON.stringify(spec.options),
  ]);
  const [command = "", ...args] = argv;
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let output = "";
    const onExit = (code: number | null) =>
      reject(
        new Error(`The ${spec.family} server "${spec.variant}" exited (${code}) before listening.`),
      );
    child.once("exit", onExit);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const [, port, heap] = /listening (\d+) heap (\d+)\n/.exec(output) ?? [];
      if (!port) return;
      child.off("exit", onExit);
      child.stdout?.removeAllListeners("data");
      resolve(running(child, `http://127.0.0.1:${port}`, Number(heap)));
    });
  });
}

function running(child: ChildProcess, url: string, heapUsed: number): ServerProcess {
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    rss: () => residentMemory(pid),
    heapUsed,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}
