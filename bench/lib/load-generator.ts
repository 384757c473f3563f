import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";

/** One request the load generator repeats: a method, a path, headers and a body. */
export interface LoadRequest {
  readonly method?: "GET" | "POST";
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What one round of load measured. */
export interface LoadResult {
  /** 2xx responses per second. */
  readonly perSecond: number;
  /** Answers other than 2xx, and socket errors (connect, read, write, timeout). */
  readonly failures: { readonly non2xx: number; readonly errors: number };
}

/** The load generator that runs, its version, and how it is pinned (the result's JSON says). */
export interface LoadGenerator {
  readonly name: "wrk" | "autocannon";
  readonly version: string;
  run(url: string, request: LoadRequest, seconds: number, connections: number): Promise<LoadResult>;
}

/** The installed `wrk`'s version line ("wrk debian/4.1.0-3+b2 [epoll]"), or `undefined`. */
function wrkVersion(): string | undefined {
  try {
    // `wrk -v` prints its version and usage, and exits with 1.
    return execFileSync("wrk", ["-v"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? "";
    return /^wrk \S+/.exec(output)?.[0];
  }
}

/**
 * wrk's Lua script for one request: the method, headers and body, and a `done` that prints the
 * counts as one JSON line (wrk's own summary counts any status >= 400 in `errors.status`).
 */
function wrkScript(request: LoadRequest): string {
  const headers = Object.entries(request.headers ?? {})
    .map(([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}\n`)
    .join("");
  const body = request.body === undefined ? "" : `wrk.body = ${JSON.stringify(request.body)}\n`;
  return `wrk.method = "${request.method ?? "GET"}"
${headers}${body}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\n{"requests":%d,"duration":%d,"status":%d,"socket":%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout))
end
`;
}

/** Runs wrk with one thread (it inherits the runner's CPU) and reads the JSON line it prints. */
function runWrk(url: string, request: LoadRequest, seconds: number, connections: number) {
  const folder = mkdtempSync(join(tmpdir(), "bench-wrk-"));
  const script = join(folder, "request.lua");
  writeFileSync(script, wrkScript(request));
  // wrk takes whole seconds only: a quick run's half-second warm-up is one second here.
  const duration = Math.max(1, Math.round(seconds));
  const args = ["-t1", `-c${connections}`, `-d${duration}s`, "-s", script, url + request.path];
  return new Promise<LoadResult>((resolve, reject) => {
    execFile("wrk", args, { encoding: "utf8" }, (error, stdout) => {
      rmSync(folder, { recursive: true, force: true });
      const line = /^\{"requests".*\}$/m.exec(stdout)?.[0];
      if (error || !line) {
        reject(new Error(`wrk ${args.join(" ")} failed: ${error?.message ?? stdout}`));
        return;
      }
      const counts = JSON.parse(line) as Record<
        "requests" | "duration" | "status" | "socket",
        number
      >;
      // wrk counts statuses >= 400 as errors; a 3xx would pass as a success, so the pairs'
      // check before the load asks for a 200 on both sides.
      const ok = counts.requests - counts.status;
      resolve({
        perSecond: ok / (counts.duration / 1e6),
        failures: { non2xx: counts.status, errors: counts.socket },
      });
    });
  });
}

async function runAutocannon(
  url: string,
  request: LoadRequest,
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const result = await autocannon({
    url: url + request.path,
    connections,
    duration: seconds,
    method: request.method ?? "GET",
    ...(request.headers && { headers: { ...request.headers } }),
    ...(request.body !== undefined && { body: request.body }),
  });
  return {
    perSecond: result["2xx"] / result.duration,
    failures: { non2xx: result.non2xx, errors: result.errors },
  };
}

/**
 * wrk (C, one thread) when it is installed, else autocannon (JavaScript, from `npm install`):
 * above about 40k requests a second autocannon is the bottleneck, and every fast ratio is
 * squeezed toward 1. `BENCH_LOAD=autocannon` forces autocannon.
 * @example const generator = loadGenerator(); await generator.run(url, { path: "/" }, 2, 50);
 */
export function loadGenerator(): LoadGenerator {
  const version = process.env.BENCH_LOAD === "autocannon" ? undefined : wrkVersion();
  if (version !== undefined) return { name: "wrk", version, run: runWrk };
  const { version: installed } = createRequire(import.meta.url)("autocannon/package.json") as {
    version: string;
  };
  return { name: "autocannon", version: `autocannon ${installed}`, run: runAutocannon };
}
