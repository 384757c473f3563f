// `npm run bench`: every scenario, this library and the plain alternative side by side in one
// run; prints the table and writes bench/results/latest.json. `--quick` for a smoke run,
// `--only 1,4` for some scenarios.
import { parseArgs } from "node:util";
import { CLIENT_CPU, pinSelf } from "./lib/cpus.js";
import { GENERATOR } from "./lib/http-pair.js";
import { formatTable, type Row, saveResults } from "./lib/report.js";
import { FULL, QUICK } from "./lib/settings.js";
import { matcherScenarios } from "./scenarios/matcher.js";
import { pipelineScenarios } from "./scenarios/pipeline.js";
import { routingScenarios } from "./scenarios/routing.js";
import { startupScenarios } from "./scenarios/startup.js";
import { staticScenarios } from "./scenarios/static.js";
import { layeredTemplateScenario, templatePageScenarios } from "./scenarios/templates.js";
import { urlForScenario } from "./scenarios/url-for.js";

const { values } = parseArgs({
  options: { quick: { type: "boolean", default: false }, only: { type: "string" } },
});
const settings = values.quick ? QUICK : FULL;
const only = values.only?.split(",").map((part) => part.trim());

/**
 * Each group, by the scenario numbers it reports. The in-process ones run first, in a fresh
 * process: after the HTTP rounds (autocannon's garbage, a larger heap) both of their sides ran
 * a tenth slower, and not by the same amount.
 */
const GROUPS = [
  { scenarios: ["6"], run: urlForScenario },
  { scenarios: ["3"], run: matcherScenarios },
  { scenarios: ["5"], run: layeredTemplateScenario },
  { scenarios: ["1", "2", "8", "10"], run: routingScenarios },
  { scenarios: ["4"], run: staticScenarios },
  { scenarios: ["9"], run: templatePageScenarios },
  { scenarios: ["11", "12", "13"], run: pipelineScenarios },
  { scenarios: ["7", "mem"], run: startupScenarios },
];

// The load generator and the in-process scenarios run on one CPU, the servers on the other.
pinSelf(CLIENT_CPU);
console.log(`Load generator: ${GENERATOR.version}`);
const started = performance.now();
const rows: Row[] = [];
const log = (line: Row) => {
  rows.push(line);
  console.log(`  ${line.scenario}. ${line.name}: ratio ${line.ratio.toFixed(2)}`);
};
for (const group of GROUPS) {
  if (only && !group.scenarios.some((scenario) => only.includes(scenario))) continue;
  console.log(`Scenarios ${group.scenarios.join(", ")}...`);
  await group.run(settings, log);
}
const seconds = (performance.now() - started) / 1000;
console.log(`\n${formatTable(rows)}\n`);
const failed = rows.filter((line) => line.pass === false);
console.log(
  `${rows.length} figures in ${Math.round(seconds)} s; ${failed.length === 0 ? "every target met" : `${failed.length} target(s) missed`}. Written to ${saveResults(rows, settings, seconds, values.quick || only ? "partial.tmp" : "latest", GENERATOR)}.`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
