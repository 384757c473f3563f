import { hooksOf, type Scaffold, type ViewRequest } from "../http/index.js";
import { resolveEndpoint, type UrlContext, type UrlMap } from "../routing/index.js";
import type { LoadedModule } from "./module-loader.js";

/**
 * Flask's `inject_url_defaults`: the values `urlFor` builds with once the app's `urlDefaults`
 * hooks, then those of the endpoint's module, filled theirs in (a copy; `params` is kept).
 * @example buildUrl(map, endpoint, withUrlDefaults(map, modules, app, endpoint, params, context), ...);
 */
export function withUrlDefaults(
  map: UrlMap,
  modules: readonly LoadedModule[],
  app: Scaffold,
  endpoint: string,
  params: Readonly<Record<string, unknown>>,
  context: UrlContext,
): Readonly<Record<string, unknown>> {
  const name = resolveEndpoint(endpoint, context.module);
  const module = map.get(name)?.module;
  const blueprint = module ? modules.find((entry) => entry.name === module)?.blueprint : undefined;
  const hooks = [...hooksOf(app).urlDefaults, ...(blueprint ? hooksOf(blueprint).urlDefaults : [])];
  if (hooks.length === 0) return params;
  const values = { ...params };
  const request = (context.request ?? null) as ViewRequest | null;
  for (const hook of hooks) hook(name, values, request);
  return values;
}
