// Scenario 3: the same 1,000 routes matched without HTTP, by the core matcher, find-my-way and
// Express's router; each side also turns the id into a number, as a view would get it.
import express from "express";
import FindMyWay from "find-my-way";
import { MicroServicesApp } from "microservices-app";
import { internalsOf } from "../../src/core/internals.js";
import { type AppShape, generateApp, lastRoutePath, moduleNames, ruleOf } from "../lib/generate.js";
import { compareOperations } from "../lib/micro.js";
import { type Row, row } from "../lib/report.js";
import type { Settings } from "../lib/settings.js";
import { TARGETS } from "../lib/targets.js";
import { quietLogger } from "../servers/types.js";

const THOUSAND: AppShape = { modules: 20, routesPerModule: 50 };

/** What Express's router matches with, per layer (router/lib/layer.js); not in its typings. */
interface ExpressLayer {
  match(path: string): false | { params: Record<string, string> };
  route?: { _handlesMethod(method: string): boolean };
}

const handler = () => undefined;

export async function matcherScenarios(settings: Settings, log: (row: Row) => void) {
  const app = new MicroServicesApp(generateApp("matcher-1000", THOUSAND), { logger: quietLogger });
  await app.registerUrls(moduleNames(THOUSAND));
  const findMyWay = FindMyWay();
  const router = express.Router();
  for (let module = 0; module < THOUSAND.modules; module += 1) {
    for (let route = 0; route < THOUSAND.routesPerModule; route += 1) {
      findMyWay.on("GET", ruleOf(module, route).plain, handler);
      router.get(ruleOf(module, route).plain, handler);
    }
  }
  const internals = internalsOf(app);
  const layers = router.stack as unknown as ExpressLayer[];
  const path = lastRoutePath(THOUSAND);

  const ours = () => {
    const resolution = internals.resolve("GET", path);
    return resolution.kind === "route" ? resolution.params.id : undefined;
  };
  const viaFindMyWay = () => {
    const found = findMyWay.find("GET", path);
    return found ? Number(found.params.id) : undefined;
  };
  // Express's Router.handle walks its layers in order: the first that matches and handles the method.
  const viaExpress = () => {
    for (const layer of layers) {
      const match = layer.match(path);
      if (match && layer.route?._handlesMethod("get")) return Number(match.params.id);
    }
    return undefined;
  };
  for (const match of [ours, viaFindMyWay, viaExpress]) {
    if (match() !== 42) throw new Error(`A matcher did not find ${path} with id 42.`);
  }
  const unit = "lookups/s";
  log(
    row(
      "3",
      "matcher, 1,000 routes, core vs find-my-way",
      unit,
      compareOperations(ours, viaFindMyWay, settings),
      TARGETS.matcher,
    ),
  );
  log(
    row(
      "3",
      "matcher, 1,000 routes, core vs Express's router",
      unit,
      compareOperations(ours, viaExpress, settings),
    ),
  );
}
