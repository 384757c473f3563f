import type { Server } from "node:http";
import { join, resolve } from "node:path";
import {
  anyUrlDefaults,
  hooksOf,
  RequestHooks,
  Scaffold,
  type UrlForParams,
} from "./http/index.js";
import { setInternals } from "./internals.js";
import { consoleLogger, type Logger } from "./logger.js";
import { DEFAULT_STATIC_MEMORY, StaticMemory } from "./lookup/index.js";
import {
  buildUrlMap,
  type LoadedModule,
  loadModules,
  type ModuleRegistration,
  moduleTemplateFolder,
  type NamedURLPattern,
  namePatterns,
  type RootLocation,
  type Router,
  reimportModules,
  resolveRootPath,
  type URLEntry,
  withUrlDefaults,
} from "./modules/index.js";
import { checkDomainMatching, checkViewTimeout, type MicroServicesOptions } from "./options.js";
import { RequestDataPolicy, requestDataGlobals } from "./request-data/index.js";
import {
  BUILTIN_CONVERTERS,
  buildUrl,
  type ConverterDefinition,
  type DomainMatching,
  type Endpoint,
  type ExternalDefaults,
  normalizeHost,
  type ResolveOptions,
  type Route,
  readMountPath,
  resolveRequest,
  type UrlContext,
  type UrlForArgs,
  type UrlMap,
} from "./routing/index.js";
import {
  type CloseOptions,
  type ClusterPrimary,
  type HostServer,
  type InjectOptions,
  type InjectResponse,
  type ListenOptions,
  Serving,
} from "./serving/index.js";
import { flaskGlobals, TemplateEngine } from "./templates/index.js";

/**
 * Gives an app its host's server (how to listen once, how to close); each host calls it once,
 * from its constructor. Kept off the app's public members.
 */
export let attachHostServer: (app: MicroServicesCore, host: HostServer) => void;

/** The context of `app.urlFor`: no module, no request; one object for every call. */
const OUTSIDE_REQUEST: UrlContext = Object.freeze({ module: null });

/**
 * The host-free part of an app (Flask's "sansio" app), as users see it: modules, the URL map,
 * `urlFor`, templates, and the app's hooks (`beforeRequest`... from `Scaffold`). The Express
 * and Fastify apps extend it with their server; the request pipeline they share reaches the
 * map, templates and hooks through `internalsOf`, not through here.
 */
export class MicroServicesCore extends Scaffold {
  readonly rootPath: string;
  readonly templateFolder: string;
  readonly staticFolder: string;
  readonly staticUrlPath: string;
  readonly debug: boolean;
  readonly serverName: string | undefined;
  readonly preferredUrlScheme: string;
  readonly explainTemplateLoading: boolean;
  readonly logger: Logger;
  /** Milliseconds an async view may stay pending before its request gets a 503; 0: no limit. */
  readonly viewTimeout: number;
  readonly strictSlashes: boolean;
  readonly mergeSlashes: boolean;
  readonly trustedHosts: readonly string[] | undefined;
  /** The path the app is served under ("/blog"), or "". */
  readonly mountPath: string;
  /** `subdomain` or `host` with the `subdomainMatching` or `hostMatching` option. */
  readonly domainMatching: DomainMatching | undefined;
  /** The options `resolve` passes on; one object, not one per request. */
  readonly #resolveOptions: ResolveOptions;
  /** Small static files in memory, for every static route of the app (production only). */
  readonly #staticMemory: StaticMemory;
  /** The template engine (Nunjucks environments, one per current module). */
  readonly #templates: TemplateEngine;
  #converters: Record<string, ConverterDefinition>;
  /** Where external URLs point outside a request; one object, not one per `urlFor`. */
  readonly #externalDefaults: ExternalDefaults;
  #modules: readonly LoadedModule[] = [];
  #appUrls: readonly NamedURLPattern[] = [];
  /** The app-level entries as added (includes kept), so that a later `addUrls` names them all again. */
  #appEntries: readonly URLEntry[] = [];
  /** The hooks of a request by the module serving it (`null`: an app-level or unrouted one). */
  #hooks = new Map<string | null, RequestHooks>();
  #map: UrlMap;
  /** Registrations run one at a time, so that each is all or nothing. */
  #queue: Promise<unknown> = Promise.resolve();
  #serving: Serving | undefined;

  static {
    attachHostServer = (app, host) => {
      app.#serving = new Serving(app, host);
    };
  }

  constructor(location: RootLocation, options: MicroServicesOptions = {}) {
    super();
    this.rootPath = options.rootPath ? resolve(options.rootPath) : resolveRootPath(location);
    this.templateFolder = options.templateFolder ?? "templates";
    this.staticFolder = options.staticFolder ?? "static";
    this.staticUrlPath = (options.staticUrlPath ?? "/static").replace(/\/+$/, "");
    // `microservices-app dev` turns debug on for the app it serves, whatever its options say.
    this.debug = process.env.MICROSERVICES_DEBUG === "1" || (options.debug ?? false);
    this.serverName = options.serverName;
    this.preferredUrlScheme = options.preferredUrlScheme ?? "http";
    this.explainTemplateLoading = options.explainTemplateLoading ?? false;
    this.logger = options.logger ?? consoleLogger;
    this.mountPath = readMountPath(options.mountPath);
    this.domainMatching = checkDomainMatching(options);
    this.#externalDefaults = {
      serverName: this.serverName,
      scheme: this.preferredUrlScheme,
      mountPath: this.mountPath,
    };
    this.viewTimeout = checkViewTimeout(options.viewTimeout ?? 30_000);
    this.strictSlashes = options.strictSlashes ?? true;
    this.mergeSlashes = options.mergeSlashes ?? true;
    this.trustedHosts = options.trustedHosts && Object.freeze([...options.trustedHosts]);
    this.#resolveOptions = {
      mergeSlashes: this.mergeSlashes,
      trustedHosts: this.trustedHosts,
      mountPath: this.mountPath,
      serverName: this.serverName && normalizeHost(this.serverName),
    };
    this.#converters = { ...BUILTIN_CONVERTERS, ...options.converters };
    this.#staticMemory = new StaticMemory({
      fileLimit: options.staticMemoryLimit ?? DEFAULT_STATIC_MEMORY.fileLimit,
      totalLimit: options.staticMemoryTotal ?? DEFAULT_STATIC_MEMORY.totalLimit,
    });
    const requestData = new RequestDataPolicy(options);
    this.#templates = new TemplateEngine(
      { module: null, path: join(this.rootPath, this.templateFolder) },
      { debug: this.debug, explain: this.explainTemplateLoading, logger: this.logger },
    );
    this.#map = this.#build(this.#modules, this.#appUrls, this.#converters);
    this.#hooks.set(null, new RequestHooks(hooksOf(this), undefined));
    const globals = flaskGlobals({
      ...this,
      buildUrl: (endpoint, params, context) => this.#buildUrl(endpoint, params, context),
    });
    for (const [name, read] of Object.entries(globals)) this.#templates.addScopedGlobal(name, read);
    for (const name of ["csrf_token", "get_flashed_messages"]) {
      this.#templates.addScopedGlobal(name, (scope) => requestDataGlobals(scope.request)[name]);
    }
    setInternals(this, {
      debug: this.debug,
      logger: this.logger,
      viewTimeout: this.viewTimeout,
      trustedHosts: this.trustedHosts,
      requestData,
      templates: this.#templates,
      resolve: (method, target, rawHeaders, site, request) =>
        resolveRequest(this.#map, method, target, rawHeaders, this.#resolveOptions, site, request),
      buildUrl: (endpoint, params, context) => this.#buildUrl(endpoint, params, context),
      hooks: (module) => this.#hooks.get(module) ?? (this.#hooks.get(null) as RequestHooks),
    });
  }

  #build(
    modules: readonly LoadedModule[],
    appUrls: readonly NamedURLPattern[],
    converters: Record<string, ConverterDefinition>,
  ): UrlMap {
    return buildUrlMap({
      modules,
      appUrls,
      converters,
      rootStatic: { module: null, path: join(this.rootPath, this.staticFolder) },
      staticUrlPath: this.staticUrlPath,
      debug: this.debug,
      staticMemory: this.#staticMemory,
      strictSlashes: this.strictSlashes,
      mergeSlashes: this.mergeSlashes,
      domainMatching: this.domainMatching,
    });
  }

  /** Swaps in a complete new state; called only once everything is built. */
  #commit(
    modules: readonly LoadedModule[],
    appUrls: readonly NamedURLPattern[],
    converters: Record<string, ConverterDefinition>,
  ): void {
    const map = this.#build(modules, appUrls, converters);
    this.#map = map;
    this.#modules = modules;
    this.#appUrls = appUrls;
    this.#converters = converters;
    this.#templates.setModules(modules.map(moduleTemplateFolder));
    const app = hooksOf(this);
    this.#hooks = new Map([
      [null, new RequestHooks(app, undefined)],
      ...modules.map(
        (module) =>
          [module.name, new RequestHooks(app, hooksOf(module.blueprint))] as [string, RequestHooks],
      ),
    ]);
  }

  /** The enabled modules' blueprints by name, in enabled order. */
  get blueprints(): ReadonlyMap<string, Router> {
    return new Map(this.#modules.map((module) => [module.name, module.blueprint]));
  }

  /** Every route: the app's, the static routes and the modules'. */
  get routes(): readonly Route[] {
    return this.#map.routes;
  }

  /**
   * Enables modules by name, from `<path>/<name>/index.{ts,js,mjs}`; `{ name, urlPrefix }`
   * mounts one under a prefix. All or nothing: if one module fails, none of this call is enabled.
   * @example await app.registerUrls(["admin", { name: "forum", urlPrefix: "/board" }, "home"]);
   */
  registerUrls(
    moduleNames: readonly (string | ModuleRegistration)[],
    path = "modules",
  ): Promise<void> {
    const run = this.#queue.then(async () => {
      const enabled = new Set(this.#modules.map((module) => module.name));
      const loaded = await loadModules(moduleNames, path, this.rootPath, enabled);
      this.#commit([...this.#modules, ...loaded], this.#appUrls, this.#converters);
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Imports enabled modules again, through `importUrl` (a cache-busting URL), and swaps the
   * URL map, templates and static index at once; all or nothing, as `registerUrls` is: if one
   * fails, the app keeps serving what it served. `microservices-app dev` calls it on a change.
   * @example await app.reloadModules(["forum"], (file) => `${pathToFileURL(file).href}?v=2`);
   */
  reloadModules(names: readonly string[], importUrl: (file: string) => string): Promise<void> {
    const run = this.#queue.then(async () => {
      const modules = await reimportModules(this.#modules, names, importUrl, this.rootPath);
      this.#commit(modules, this.#appUrls, this.#converters);
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Adds app-level urls (outside any module); their endpoints are the bare names.
   * @example app.addUrls([url("/about/", views.about, "about")]); app.urlFor("about");
   */
  addUrls(urlpatterns: readonly URLEntry[]): this {
    // Not an array: namePatterns says so.
    const entries = Array.isArray(urlpatterns)
      ? [...this.#appEntries, ...urlpatterns]
      : urlpatterns;
    this.#commit(this.#modules, namePatterns("the app", "", entries), this.#converters);
    this.#appEntries = entries;
    return this;
  }

  /**
   * Adds a rule converter (Werkzeug's `url_map.converters`); rules already registered are
   * compiled again with it.
   * @example app.addConverter("date", { regex: "\\d{4}-\\d{2}-\\d{2}", toValue: (text) => new Date(text) });
   */
  addConverter(name: string, definition: ConverterDefinition): this {
    this.#commit(this.#modules, this.#appUrls, { ...this.#converters, [name]: definition });
    return this;
  }

  /** Adds a Nunjucks filter to every template. @example app.addTemplateFilter("upper", (s: string) => s.toUpperCase()); */
  addTemplateFilter(name: string, filter: (...args: never[]) => unknown): this {
    this.#templates.addFilter(name, filter);
    return this;
  }

  /** Adds a global to every template. @example app.addTemplateGlobal("siteName", "Forum"); */
  addTemplateGlobal(name: string, value: unknown): this {
    this.#templates.addGlobal(name, value);
    return this;
  }

  /**
   * Builds a URL outside a request; inside one, use `req.urlFor` (relative names work there).
   * @example app.urlFor("forum.thread", { thread_id: 3, page: 2, _anchor: "reply" }); // "/forum/3/?page=2#reply"
   */
  urlFor<E extends Endpoint>(endpoint: E, ...params: UrlForArgs<E>): string {
    return this.#buildUrl(endpoint, params[0] ?? {}, OUTSIDE_REQUEST);
  }

  /**
   * Sends a request to the app in the process, without opening a port: a test client (Flask's
   * `test_client`), the same on both hosts.
   * @example const response = await app.inject({ url: "/" }); response.status; // 200
   */
  inject(options: InjectOptions): Promise<InjectResponse> {
    return this.#servingOrThrow().inject(options);
  }

  /**
   * Builds a URL in a context (the current module, the request's origin), once the
   * `urlDefaults` hooks of the app and of the endpoint's module filled in their values.
   */
  #buildUrl(endpoint: string, params: UrlForParams = {}, context: UrlContext): string {
    const values = anyUrlDefaults()
      ? withUrlDefaults(this.#map, this.#modules, this, endpoint, params, context)
      : params;
    return buildUrl(this.#map, endpoint, values, context, this.#externalDefaults);
  }

  /**
   * Renders a template outside a request (an e-mail, say), searching the modules then the root.
   * @example const html = app.renderTemplate("mail/welcome.html", { user });
   */
  renderTemplate(
    name: string,
    context: Record<string, unknown> = {},
    module: string | null = null,
  ): string {
    return this.#templates.render(module, name, context);
  }

  /**
   * Starts an HTTP server; resolves to it once it listens. With `workers`, serves from that
   * many processes (`node:cluster`): in the primary it forks and supervises them and resolves
   * to a `ClusterPrimary` once all listen; in each worker it starts the server as without.
   * @example const server = await app.listen(5000, "127.0.0.1");
   */
  listen(port?: number, host?: string): Promise<Server>;
  listen(port: number, options: ListenOptions & { workers?: undefined }): Promise<Server>;
  listen(port: number, options: ListenOptions): Promise<Server | ClusterPrimary>;
  listen(port = 5000, hostOrOptions?: string | ListenOptions): Promise<Server | ClusterPrimary> {
    return this.#servingOrThrow().listen(port, hostOrOptions);
  }

  /**
   * Stops the servers started by `listen`: no new connections, in-flight requests finish
   * (cut after `timeout`), idle keep-alive connections close.
   * @example process.on("SIGTERM", () => app.close());
   */
  close(options: CloseOptions = {}): Promise<void> {
    return this.#servingOrThrow().close(options);
  }

  #servingOrThrow(): Serving {
    if (!this.#serving) {
      throw new TypeError(
        "This app has no server: create it with new MicroServicesApp() from microservices-app or microservices-app/fastify.",
      );
    }
    return this.#serving;
  }
}
