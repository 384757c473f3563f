// Scenario 4: a root static file with 50 enabled modules vs one static folder, on each host.
import { type AppShape, generateApp, STATIC_FILE } from "../lib/generate.js";
import { comparePair, pairOf } from "../lib/http-pair.js";
import { type Row, row } from "../lib/report.js";
import type { Settings } from "../lib/settings.js";
import { TARGETS } from "../lib/targets.js";

const FIFTY: AppShape = { modules: 50, routesPerModule: 1, moduleStatic: true };

export async function staticScenarios(settings: Settings, log: (row: Row) => void) {
  const options = { root: generateApp("static-50", FIFTY), shape: FIFTY };
  const hosts = [
    ["Express host vs one express.static", "ours-express", "express"],
    ["Fastify host vs one @fastify/static", "ours-fastify", "fastify"],
  ] as const;
  for (const [name, ours, theirs] of hosts) {
    const measured = await comparePair(
      pairOf("static", ours, theirs, options, `/static/${STATIC_FILE}`),
      settings,
    );
    log(row("4", `static, 50 modules, ${name}`, "req/s", measured, TARGETS.static));
  }
}
