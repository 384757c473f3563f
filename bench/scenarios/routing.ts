// Scenarios 1, 2, 8 and 10: routed requests over HTTP, this library vs the plain host (and,
// reported, plain Fastify and the host with `etag: false` vs bare node:http).
import { type AppShape, generateApp, lastRoutePath } from "../lib/generate.js";
import { comparePair, pairOf } from "../lib/http-pair.js";
import { type Row, row } from "../lib/report.js";
import type { Settings } from "../lib/settings.js";
import { TARGETS } from "../lib/targets.js";

const TEN: AppShape = { modules: 1, routesPerModule: 10 };
const THOUSAND: AppShape = { modules: 20, routesPerModule: 50 };

export async function routingScenarios(settings: Settings, log: (row: Row) => void) {
  const ten = generateApp("routing-10", TEN);
  const thousand = generateApp("routing-1000", THOUSAND);
  const cases = [
    [
      "1",
      "routing, 10 routes, Express host vs Express",
      "ours-express",
      "express",
      ten,
      TEN,
      TARGETS.routing10,
    ],
    [
      "2",
      "routing, 1,000 routes, Express host vs Express",
      "ours-express",
      "express",
      thousand,
      THOUSAND,
      TARGETS.routing1000,
    ],
    [
      "8",
      "routing, 10 routes, Fastify host vs Fastify",
      "ours-fastify",
      "fastify",
      ten,
      TEN,
      TARGETS.fastify,
    ],
    [
      "8",
      "routing, 1,000 routes, Fastify host vs Fastify",
      "ours-fastify",
      "fastify",
      thousand,
      THOUSAND,
      TARGETS.fastify,
    ],
    [
      "10",
      "routing, Fastify host vs bare node:http",
      "ours-fastify",
      "node-http",
      ten,
      TEN,
      TARGETS.ceiling,
    ],
    // The same answer on both sides: the bare server sends no ETag, nor does the host with the
    // app's `etag: false`. Reported, beside the target's row (the host's defaults).
    [
      "10",
      "routing, Fastify host with etag: false vs bare node:http",
      "ours-fastify-untagged",
      "node-http",
      ten,
      TEN,
      undefined,
    ],
    // What Fastify itself keeps of the ceiling: the same request, plain Fastify (with the
    // weak ETag ours sends too) against bare node:http. Reported, so that 10 reads against it.
    ["10", "routing, plain Fastify vs bare node:http", "fastify", "node-http", ten, TEN, undefined],
  ] as const;
  for (const [scenario, name, ours, theirs, root, shape, target] of cases) {
    const measured = await comparePair(
      pairOf("routing", ours, theirs, { root, shape }, lastRoutePath(shape)),
      settings,
    );
    log(row(scenario, name, "req/s", measured, target));
  }
}
