import { DuplicateEndpoint, InvalidModule, InvalidURLName, InvalidURLPattern } from "../errors.js";
import { addMiddleware, type NativeMiddleware, Scaffold } from "../http/index.js";
import { isURLInclude, mountPattern, type URLEntry } from "./include.js";
import { type RootLocation, resolveRootPath } from "./root-path.js";
import { isURLPattern, type URLPattern } from "./url.js";

/** What a module name may be: a plain folder name, no dots, slashes or spaces. */
export const MODULE_NAME = /^[A-Za-z0-9_-]+$/;

const BLUEPRINT = Symbol.for("microservices-app.Router");

/** A module's folders and URL settings, all optional. */
export interface BlueprintOptions {
  /** Templates folder, relative to the module: "templates". */
  templateFolder?: string;
  /** Static files folder, relative to the module: "static". */
  staticFolder?: string;
  /** Where the module's own static files are served: "/static_<name>". */
  staticUrlPath?: string;
  /** Prepended to every rule of the module, e.g. "/admin". None by default. */
  urlPrefix?: string;
  /** `false` exempts every url of the module from CSRF checks (an API module using tokens). */
  csrf?: boolean;
  /**
   * With the app's `subdomainMatching`: the subdomain of every url of the module ("api", or
   * "<user>", which each view gets in `req.params`), as Flask's subdomain blueprints.
   */
  subdomain?: string;
}

/** A url pattern with the endpoint name it registers under. */
export interface NamedURLPattern {
  /** The name within its module (`home`); the endpoint is `<module>.<name>`. */
  readonly name: string;
  readonly pattern: URLPattern;
}

/** The name a url registers under: its own name, else its view function's name. */
export function endpointName(pattern: URLPattern): string {
  if (pattern.name !== undefined) return pattern.name;
  const name = (pattern.view?.name ?? "").replace(/^bound /, "");
  if (!name || !/^[A-Za-z_$][\w$]*$/.test(name)) {
    throw new InvalidURLName(
      pattern.rule,
      undefined,
      `the view is anonymous, so the url needs a name: url(${JSON.stringify(pattern.rule)}, view, "name").`,
    );
  }
  return name;
}

/** Every url of a list with the name it registers under, includes flattened (their prefix and namespace applied). */
function flatten(owner: string, entries: readonly unknown[]): NamedURLPattern[] {
  return entries.flatMap((entry: unknown, index): NamedURLPattern[] => {
    if (isURLInclude(entry)) {
      const inner = `include(${JSON.stringify(entry.prefix)}) of ${owner}`;
      if (!Array.isArray(entry.urlpatterns))
        throw new InvalidURLPattern(inner, -1, entry.urlpatterns);
      return flatten(inner, entry.urlpatterns).map(({ name, pattern }) =>
        mountPattern(entry, name, pattern),
      );
    }
    if (!isURLPattern(entry)) throw new InvalidURLPattern(owner, index, entry);
    return [{ name: endpointName(entry), pattern: entry }];
  });
}

/**
 * Names every pattern of a list and checks the list: entries made by `url()` or `include()`,
 * names unique, and none named "static" (the static files endpoint).
 */
export function namePatterns(
  owner: string,
  prefix: string,
  urlpatterns: unknown,
): NamedURLPattern[] {
  if (!Array.isArray(urlpatterns)) throw new InvalidURLPattern(owner, -1, urlpatterns);
  const named = flatten(owner, urlpatterns);
  const seen = new Map<string, URLPattern>();
  for (const { name, pattern } of named) {
    if (name === "static") {
      throw new InvalidURLName(
        pattern.rule,
        name,
        `'static' is the endpoint of the static files; choose another name.`,
      );
    }
    // One name may route several rules to one view (Flask's stacked routes), not two views.
    const earlier = seen.get(name);
    if (earlier?.view && pattern.view && earlier.view !== pattern.view)
      throw new DuplicateEndpoint(`${prefix}${name}`, [earlier.rule, pattern.rule]);
    if (earlier === undefined) seen.set(name, pattern);
  }
  return named;
}

/**
 * A module's blueprint: its name, folders and urlpatterns. Create it in the module's
 * `index.ts` and export it as `blueprint`.
 * @example export const blueprint = Router.createBlueprint("admin", import.meta.url);
 */
export class Router extends Scaffold {
  readonly name: string;
  readonly rootPath: string;
  readonly templateFolder: string;
  readonly staticFolder: string;
  readonly staticUrlPath: string;
  readonly urlPrefix: string | undefined;
  /** `false`: the module's urls are exempt from CSRF checks unless a url says otherwise. */
  readonly csrf: boolean | undefined;
  /** The subdomain of the module's urls (a url's own wins), with subdomain matching. */
  readonly subdomain: string | undefined;
  #urlpatterns: readonly NamedURLPattern[] = [];
  /** The entries as registered (includes kept), so that a later `registerUrls` names them all again. */
  #entries: readonly URLEntry[] = [];

  private constructor(name: string, rootPath: string, options: BlueprintOptions) {
    super();
    this.name = name;
    this.rootPath = rootPath;
    this.templateFolder = options.templateFolder ?? "templates";
    this.staticFolder = options.staticFolder ?? "static";
    this.staticUrlPath = (options.staticUrlPath ?? `/static_${name}`).replace(/\/+$/, "");
    this.urlPrefix = options.urlPrefix?.replace(/\/+$/, "") || undefined;
    this.csrf = options.csrf;
    this.subdomain = options.subdomain;
    Object.defineProperty(this, BLUEPRINT, { value: true });
  }

  /**
   * Creates the blueprint of a module; its folders resolve from `importMetaUrlOrDir`.
   * @example Router.createBlueprint("forum", import.meta.url, { urlPrefix: "/forum" })
   */
  static createBlueprint(
    moduleName: string,
    importMetaUrlOrDir: RootLocation,
    options: BlueprintOptions = {},
  ): Router {
    if (typeof moduleName !== "string" || !MODULE_NAME.test(moduleName)) {
      throw new InvalidModule(
        String(moduleName),
        "a blueprint name must be the module's folder name: letters, digits, '_' and '-' only (no dots or slashes).",
      );
    }
    if (options.subdomain !== undefined && typeof options.subdomain !== "string") {
      throw new InvalidModule(moduleName, 'the subdomain option must be a string, e.g. "api".');
    }
    for (const [option, value] of [
      ["staticUrlPath", options.staticUrlPath],
      ["urlPrefix", options.urlPrefix],
    ] as const) {
      if (value !== undefined && !value.startsWith("/")) {
        throw new InvalidModule(
          moduleName,
          `the ${option} option must start with "/"; got ${JSON.stringify(value)}.`,
        );
      }
    }
    // `this`, not `Router`: a class that names itself inside its body is renamed `_Router` by
    // the bundler, and its name is what users see of a blueprint (package.test.ts checks it).
    return new this(moduleName, resolveRootPath(importMetaUrlOrDir), options);
  }

  /** Whether a value is a blueprint (made by any copy of this library). */
  static isRouter(value: unknown): value is Router {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[BLUEPRINT] === true
    );
  }

  /**
   * Adds the module's urlpatterns. Every entry must come from `url()`; names must be unique.
   * @example blueprint.registerUrls(urlpatterns);
   */
  registerUrls(urlpatterns: readonly URLEntry[]): this {
    const owner = `module "${this.name}"`;
    if (!Array.isArray(urlpatterns)) throw new InvalidURLPattern(owner, -1, urlpatterns);
    const entries = [...this.#entries, ...urlpatterns];
    this.#urlpatterns = Object.freeze(namePatterns(owner, `${this.name}.`, entries));
    this.#entries = entries;
    return this;
  }

  /**
   * Adds host-native middleware that runs for this module's routes only, after the app's own
   * middleware and before the hooks and the view: Express `(req, res, next)` middleware, or
   * Fastify hook functions `(request, reply, done)` or `async (request, reply)`.
   * @example blueprint.use(express.json());
   */
  use(...middleware: NativeMiddleware[]): this {
    addMiddleware(this, middleware, `module "${this.name}"`);
    return this;
  }

  /** The registered patterns with their names, in order. */
  get urlpatterns(): readonly NamedURLPattern[] {
    return this.#urlpatterns;
  }
}
