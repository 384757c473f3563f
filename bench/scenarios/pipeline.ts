// Scenarios 11, 12 and 13: the pipeline's newer parts on the Fastify host (module hooks, a
// validated JSON body) and a small static file on each host against bare node:http.
import {
  type AppShape,
  generateApp,
  ITEM_BODY,
  itemsPath,
  lastRoutePath,
  STATIC_FILE,
} from "../lib/generate.js";
import { comparePair, pairOf } from "../lib/http-pair.js";
import { type Row, row } from "../lib/report.js";
import type { Settings } from "../lib/settings.js";
import { TARGETS } from "../lib/targets.js";

const HOOKED: AppShape = { modules: 1, routesPerModule: 10, hooks: true };
const VALIDATED: AppShape = { modules: 1, routesPerModule: 1, jsonSchema: true };
const FIFTY: AppShape = { modules: 50, routesPerModule: 1, moduleStatic: true };

export async function pipelineScenarios(settings: Settings, log: (row: Row) => void) {
  const hooked = { root: generateApp("hooks-10", HOOKED), shape: HOOKED };
  const hooks = await comparePair(
    pairOf("pipeline", "ours-fastify", "fastify-hooks", hooked, lastRoutePath(HOOKED)),
    settings,
  );
  log(row("11", "module hooks, Fastify host vs onRequest + onSend", "req/s", hooks, TARGETS.hooks));

  const validated = { root: generateApp("json-1", VALIDATED), shape: VALIDATED };
  const post = {
    method: "POST",
    path: itemsPath(0),
    headers: { "content-type": "application/json" },
    body: ITEM_BODY,
  } as const;
  const json = await comparePair(
    pairOf("pipeline", "ours-fastify", "fastify-json", validated, post),
    settings,
  );
  log(row("12", "JSON POST, Zod on the Fastify host vs a JSON-schema route", "req/s", json));

  const statics = { root: generateApp("static-50", FIFTY), shape: FIFTY };
  for (const [host, ours] of [
    ["Express", "ours-express"],
    ["Fastify", "ours-fastify"],
  ] as const) {
    const measured = await comparePair(
      pairOf("pipeline", ours, "node-memory", statics, `/static/${STATIC_FILE}`),
      settings,
    );
    log(row("13", `small static file, ${host} host vs node:http from memory`, "req/s", measured));
  }
}
