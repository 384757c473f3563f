// What the hosts (and the project's own tests and benchmarks) reach of an app beyond its public
// API. Not exported from the package: users never see these members in the app's types.
import type { PipelineApp } from "./http/pipeline.js";

/**
 * The key the internals hang on an app under. A registered symbol, so that the benchmarks,
 * which load the built package, and their sources find the same internals.
 */
const INTERNALS = Symbol.for("microservices-app.internals");

/** Records the internals of an app, once, from its constructor. */
export function setInternals(app: object, state: PipelineApp): void {
  Object.defineProperty(app, INTERNALS, { value: state });
}

/**
 * The internals of an app: its URL map's `resolve`, `buildUrl` in a context, its template
 * engine and settings, as the request pipeline uses them.
 * @example const pipeline = new RequestPipeline(internalsOf(this), adapter);
 */
export function internalsOf(app: object): PipelineApp {
  const state = (app as { [INTERNALS]?: PipelineApp })[INTERNALS];
  if (!state) throw new TypeError("internalsOf() needs an app made by new MicroServicesApp().");
  return state;
}
