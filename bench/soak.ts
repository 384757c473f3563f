// npm run soak [-- --host fastify] [--workers N|auto] [--duration 60] [--warmup 10] [--connections 100]
//
// Runs the example app as its own process (as `npm start` does), on an ephemeral port of
// 127.0.0.1, under a real mix of requests for a while, and checks that it answers every
// request with the status it should and that its memory does not grow once warm. Exits 1 if
// any request failed, or if resident memory grew 10% or more after the warm-up.
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { emptyCounts, MIX, type MixCounts, mixRequests } from "./soak/mix.js";
import {
  type ExampleProcess,
  serverProcesses,
  servingMemory,
  startExample,
  stopExample,
} from "./soak/processes.js";

/** Memory may grow less than this after the warm-up. */
const MAX_GROWTH = 0.1;

const USAGE =
  "Usage: npm run soak -- [--host express|fastify] [--workers N|auto] [--duration seconds] [--warmup seconds] [--connections N]";

function options() {
  const { values } = parseArgs({
    options: {
      host: { type: "string", default: "express" },
      workers: { type: "string" },
      duration: { type: "string", default: "60" },
      warmup: { type: "string" },
      connections: { type: "string", default: "100" },
    },
  });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const warmup =
    values.warmup === undefined ? Math.min(10, Math.max(2, duration / 6)) : Number(values.warmup);
  if (values.host !== "express" && values.host !== "fastify") {
    throw new Error(`--host must be "express" or "fastify", not "${values.host}". ${USAGE}`);
  }
  for (const [name, value] of [
    ["duration", duration],
    ["warmup", warmup],
    ["connections", connections],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error(`--${name} must be a positive number, not "${value}". ${USAGE}`);
    }
  }
  if (values.workers !== undefined && !/^(\d+|auto)$/.test(values.workers)) {
    throw new Error(
      `--workers must be a number of processes or "auto", not "${values.workers}". ${USAGE}`,
    );
  }
  return { host: values.host, workers: values.workers, duration, warmup, connections };
}

/** One load phase against the example: the mix on every connection, for `seconds`. */
function load(url: string, connections: number, seconds: number, counts: MixCounts) {
  return autocannon({ url, connections, duration: seconds, requests: mixRequests(counts) });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const int = (value: number) => Math.round(value).toLocaleString("en-US");

function table(rows: readonly (readonly string[])[]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("   ")
        .trimEnd(),
    )
    .join("\n");
}

async function main(): Promise<number> {
  const settings = options();
  const script = settings.host === "fastify" ? "start:fastify" : "start";
  const example: ExampleProcess = await startExample(script, settings.workers);
  try {
    const { serving, primary } = serverProcesses(example);
    const mode =
      primary === undefined
        ? `1 process (pid ${serving.join(", ")})`
        : `cluster: primary ${primary}, ${serving.length} workers (${serving.join(", ")})`;
    console.log(
      `Soaking the ${settings.host} example at ${example.url}, ${mode}: ${settings.connections} connections, ` +
        `${settings.warmup} s of warm-up, then ${settings.duration} s measured.`,
    );

    const warmupCounts = emptyCounts();
    const warm = await load(example.url, settings.connections, settings.warmup, warmupCounts);
    const start = servingMemory(example);

    const counts = emptyCounts();
    const run = load(example.url, settings.connections, settings.duration, counts);
    let peak = start.bytes;
    let middle = start;
    const sampler = setInterval(() => {
      peak = Math.max(peak, servingMemory(example).bytes);
    }, 1000);
    const middleTimer = setTimeout(
      () => {
        middle = servingMemory(example);
      },
      (settings.duration * 1000) / 2,
    );
    const result = await run;
    clearInterval(sampler);
    clearTimeout(middleTimer);
    const end = servingMemory(example);
    peak = Math.max(peak, end.bytes);

    const unexpected = [...counts.unexpected, ...warmupCounts.unexpected].reduce(
      (a, b) => a + b,
      0,
    );
    const timeouts = result.timeouts + warm.timeouts;
    // autocannon counts timeouts among its errors; the rest are socket errors.
    const socketErrors = result.errors + warm.errors - timeouts;
    const errors = unexpected + timeouts + socketErrors;
    const growth = (end.bytes - start.bytes) / start.bytes;
    const stopped = await stopExample(example);
    const restarts = /Worker \d+ .*starting a new one/g.exec(example.errors())
      ? "yes (see stderr)"
      : "none";

    console.log(
      `\n${table([
        ["request", "expected", "served", "unexpected"],
        ...MIX.map((request, index) => [
          `${request.method} ${request.path}${request.form === undefined ? "" : ` (${request.form})`}`,
          String(request.expected),
          int(counts.served[index] ?? 0),
          int(counts.unexpected[index] ?? 0),
        ]),
      ])}`,
    );
    console.log(
      `\n${table([
        [
          "requests served",
          `${int(result.requests.total)} in ${result.duration} s (${int(result.requests.average)}/s), plus ${int(warm.requests.total)} in the warm-up`,
        ],
        [
          "errors",
          `${errors} (unexpected statuses ${unexpected}, timeouts ${timeouts}, socket errors ${socketErrors})`,
        ],
        ["latency p50 / p99", `${result.latency.p50} ms / ${result.latency.p99} ms`],
        [
          `RSS (${end.processes > 1 ? `sum of ${end.processes} workers` : "server process"})`,
          `start ${mb(start.bytes)}   middle ${mb(middle.bytes)}   end ${mb(end.bytes)}   peak ${mb(peak)}`,
        ],
        [
          "growth after warm-up",
          `${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)}% (limit ${MAX_GROWTH * 100}%)`,
        ],
        ["worker restarts", primary === undefined ? "n/a" : restarts],
        ["SIGTERM", `exit code ${stopped.code} after ${stopped.ms} ms`],
      ])}`,
    );
    for (const sample of [...counts.samples, ...warmupCounts.samples]) console.log(`  ${sample}`);

    const failures = [
      errors > 0 ? `${errors} requests failed` : "",
      growth >= MAX_GROWTH ? `memory grew ${(growth * 100).toFixed(1)}% after the warm-up` : "",
      stopped.code !== 0 ? `the example exited with code ${stopped.code} on SIGTERM` : "",
    ].filter(Boolean);
    console.log(failures.length === 0 ? "\nPASS" : `\nFAIL: ${failures.join("; ")}.`);
    if (failures.length > 0 && example.errors())
      console.log(`\nThe example's stderr:\n${example.errors().slice(-4000)}`);
    return failures.length === 0 ? 0 : 1;
  } finally {
    if (example.child.exitCode === null) await stopExample(example, 2_000);
  }
}

process.exitCode = await main();
