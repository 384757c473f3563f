import { join } from "node:path";
import type { SearchFolder } from "../lookup/search-path.js";
import { StaticFiles } from "../lookup/static-files.js";
import type { StaticMemory } from "../lookup/static-memory.js";
import type { ConverterDefinition } from "../routing/converters.js";
import type { DomainMatching } from "../routing/domain.js";
import { parseRule } from "../routing/parse-rule.js";
import { checkRedirectTarget } from "../routing/redirects.js";
import type { Route } from "../routing/route.js";
import { compileRule } from "../routing/rule.js";
import { UrlMap } from "../routing/url-map.js";
import type { NamedURLPattern } from "./blueprint.js";
import type { LoadedModule } from "./module-loader.js";
import { routeDomain } from "./route-domain.js";
import type { URLPattern } from "./url.js";

/** Everything a URL map is built from. */
export interface RouteSources {
  readonly modules: readonly LoadedModule[];
  readonly appUrls: readonly NamedURLPattern[];
  readonly converters: Readonly<Record<string, ConverterDefinition>>;
  /** The app's own static folder, searched last. */
  readonly rootStatic: SearchFolder;
  readonly staticUrlPath: string;
  readonly debug: boolean;
  /** The app's small static files in memory (production), shared by its static routes. */
  readonly staticMemory?: StaticMemory;
  /** The app's `strictSlashes` option: a url's own option wins. */
  readonly strictSlashes?: boolean;
  /** The app's `mergeSlashes` option: `//` in a rule is compiled (and built) as `/`. */
  readonly mergeSlashes?: boolean;
  /** `subdomain` or `host` with the app's `subdomainMatching` or `hostMatching`. */
  readonly domainMatching?: DomainMatching;
}

/** A module's static folder, as a search folder. */
export const moduleStaticFolder = (module: LoadedModule): SearchFolder => ({
  module: module.name,
  path: join(module.blueprint.rootPath, module.blueprint.staticFolder),
});

/** A module's templates folder, as a search folder. */
export const moduleTemplateFolder = (module: LoadedModule): SearchFolder => ({
  module: module.name,
  path: join(module.blueprint.rootPath, module.blueprint.templateFolder),
});

function urlRoute(
  module: string | null,
  prefix: string,
  { name, pattern }: NamedURLPattern,
  sources: RouteSources,
  moduleCsrf?: boolean,
  moduleSubdomain?: string,
): Route {
  const rule = prefix + pattern.rule;
  const owner = module === null ? "the app" : `module "${module}"`;
  const domain = routeDomain(pattern, moduleSubdomain, sources, owner);
  // Werkzeug's merge_slashes compiles "/a//b" as "/a/b", so it matches and builds that.
  const merged =
    sources.mergeSlashes === false || !rule.includes("//") ? rule : rule.replace(/\/{2,}/g, "/");
  const tokens = prefix || merged !== rule ? parseRule(merged, owner) : pattern.tokens;
  const strictSlashes = pattern.strictSlashes ?? sources.strictSlashes;
  // One literal of every field (those a url lacks are undefined): an object built of spreads
  // kept part of its fields in a second array, for each of an app's routes.
  const route = {
    kind: pattern.view === undefined ? "link" : "view",
    endpoint: module === null ? name : `${module}.${name}`,
    module,
    rule,
    compiled: compileRule(merged, tokens, sources.converters, owner, domain?.variables),
    methods: pattern.methods,
    defaults: pattern.defaults,
    strictSlashes: strictSlashes === false ? false : undefined,
    redirectTo: pattern.redirectTo,
    buildOnly: pattern.buildOnly ? true : undefined,
    domain,
    view: pattern.view,
    requestData: requestDataOf(pattern, moduleCsrf),
  } as Route;
  checkRedirectTarget(route, owner);
  return route;
}

/** A url's schemas and CSRF exemption: its own, else its module's (the url's object when that changes nothing). */
const requestDataOf = ({ requestData }: URLPattern, moduleCsrf: boolean | undefined) =>
  requestData.csrf !== undefined || moduleCsrf === undefined
    ? requestData
    : { ...requestData, csrf: moduleCsrf };

function staticRoute(
  module: string | null,
  urlPath: string,
  files: StaticFiles,
  sources: RouteSources,
  subdomain?: string,
): Route {
  const rule = `${urlPath}/<path:filename>`;
  const owner = module === null ? "the app" : `module "${module}"`;
  // A module's static files are on its subdomain, as a Flask blueprint's.
  const domain = routeDomain({ rule }, subdomain, sources, owner);
  return {
    kind: "static",
    endpoint: module === null ? "static" : `${module}.static`,
    module,
    rule,
    compiled: compileRule(
      rule,
      parseRule(rule, owner),
      sources.converters,
      owner,
      domain?.variables,
    ),
    methods: ["GET"],
    files,
    ...(domain && { domain }),
  };
}

/**
 * Builds the complete URL map: the app's urls and static route, then each module's urls and
 * its own static route. Throws on the first bad rule or duplicate; the caller keeps its old map.
 */
export function buildUrlMap(sources: RouteSources): UrlMap {
  const map = new UrlMap(sources.domainMatching);
  const { modules, debug, staticMemory: memory } = sources;
  for (const pattern of sources.appUrls) map.add(urlRoute(null, "", pattern, sources));
  const listings = new Map<string, readonly string[]>();
  const folders = modules.map(moduleStaticFolder);
  const layered = new StaticFiles([...folders, sources.rootStatic], { debug, memory, listings });
  map.add(staticRoute(null, sources.staticUrlPath, layered, sources));
  modules.forEach((module, index) => {
    const { blueprint } = module;
    const prefix = module.urlPrefix + (blueprint.urlPrefix ?? "");
    for (const pattern of blueprint.urlpatterns) {
      map.add(urlRoute(module.name, prefix, pattern, sources, blueprint.csrf, blueprint.subdomain));
    }
    const own = new StaticFiles([folders[index] as SearchFolder], { debug, memory, listings });
    map.add(staticRoute(module.name, blueprint.staticUrlPath, own, sources, blueprint.subdomain));
  });
  return map;
}
