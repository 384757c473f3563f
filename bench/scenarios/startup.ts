// Scenario 7: start-up, `registerUrls` of 100 modules × 10 routes vs importing them bare; and
// the memory line: resident memory after loading 10,000 routes, ours vs plain Express.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CLIENT_CPU, pinned } from "../lib/cpus.js";
import { type AppShape, generateApp } from "../lib/generate.js";
import { type Row, row } from "../lib/report.js";
import { startServer } from "../lib/server-process.js";
import type { Settings } from "../lib/settings.js";
import { median, sidesOfRound } from "../lib/stats.js";
import { TARGETS } from "../lib/targets.js";

const HUNDRED: AppShape = { modules: 100, routesPerModule: 10 };
const TEN_THOUSAND: AppShape = { modules: 100, routesPerModule: 100 };
const CHILD = fileURLToPath(new URL("./startup-child.mjs", import.meta.url));

/** Milliseconds one fresh process takes to register (or import) the modules. */
function startupTime(mode: "ours" | "bare", root: string): number {
  const [command = "", ...args] = pinned(CLIENT_CPU, [process.execPath, CHILD, mode, root, "100"]);
  return Number(execFileSync(command, args, { encoding: "utf8" }).trim());
}

export async function startupScenarios(settings: Settings, log: (row: Row) => void) {
  const root = generateApp("startup-100", HUNDRED);
  // The first runs fill the disk cache; then fresh processes alternate A B B A.
  startupTime("ours", root);
  startupTime("bare", root);
  const rounds = { ours: [] as number[], theirs: [] as number[] };
  const modes = { ours: "ours", theirs: "bare" } as const;
  // 24 of each in a full run: a run takes a fifth of a second, and this machine's speed flips
  // between two levels within seconds, so a median of 12 moved by a tenth between runs.
  for (let round = 0; round < Math.max(settings.rounds * 4, 3); round += 1) {
    for (const side of sidesOfRound(round)) rounds[side].push(startupTime(modes[side], root));
  }
  const timed = { ours: median(rounds.ours), theirs: median(rounds.theirs) };
  log(row("7", "start-up, 100 modules × 10 routes vs bare imports", "ms", timed, TARGETS.startup));

  const options = { root: generateApp("memory-10000", TEN_THOUSAND), shape: TEN_THOUSAND };
  // Resident memory moves by a few megabytes from one process to the next (the JS heap's
  // young generation grows to what the loading allocated): three fresh processes of each
  // side, alternating, and the median of each measure.
  const variants = ["ours-express", "express", "express-modules"] as const;
  type Variant = (typeof variants)[number];
  const samples = new Map<Variant, { rss: number[]; heap: number[] }>(
    variants.map((variant) => [variant, { rss: [], heap: [] }]),
  );
  for (let round = 0; round < 3; round += 1) {
    for (const variant of variants) {
      const server = await startServer({ family: "routing", variant, options });
      samples.get(variant)?.rss.push(server.rss() ?? Number.NaN);
      samples.get(variant)?.heap.push(server.heapUsed);
      await server.stop();
    }
  }
  const of = (variant: Variant, measure: "rss" | "heap") =>
    median(samples.get(variant)?.[measure] ?? []);
  const pair = (theirs: Variant, measure: "rss" | "heap") => ({
    ours: of("ours-express", measure),
    theirs: of(theirs, measure),
  });
  const name = "after loading 10,000 routes, Express host vs Express";
  log(row("mem", `RSS ${name}`, "bytes", pair("express", "rss"), TARGETS.memory));
  log(row("mem", `JS heap ${name}`, "bytes", pair("express", "heap")));
  log(
    row(
      "mem",
      `RSS ${name} with a router file per module`,
      "bytes",
      pair("express-modules", "rss"),
    ),
  );
}
