import { join, resolve } from "node:path";
import type { NamedURLPattern, Router } from "./blueprint.js";
import { namePatterns } from "./blueprint.js";
import { BUILTIN_CONVERTERS } from "./builtin-converters.js";
import type { ConverterDefinition } from "./converters.js";
import { type Resolution, resolveRequest } from "./dispatch.js";
import { describeStatus, errorPage } from "./error-pages.js";
import { describeError, errorHeaders, errorStatus } from "./failures.js";
import { debugPage } from "./http/debug-page.js";
import { consoleLogger, type Logger } from "./logger.js";
import { type LoadedModule, loadModules } from "./module-loader.js";
import { reimportModules } from "./modules/reload.js";
import {
  HTTPException,
  type RenderResult,
  type ResponseSpec,
  redirectResponse,
  toResponseSpec,
} from "./responses.js";
import { buildUrl, type ExternalDefaults, type UrlContext } from "./reverse.js";
import { type RootLocation, resolveRootPath } from "./root-path.js";
import type { Route } from "./route.js";
import { buildUrlMap, moduleTemplateFolder } from "./routes-builder.js";
import type { Endpoint, UrlForArgs } from "./routing/endpoint-types.js";
import { keywordArguments, TemplateEngine } from "./templates.js";
import type { URLPattern } from "./url.js";
import type { UrlMap } from "./url-map.js";
import type { UrlForParams } from "./view.js";

/** The options of an app; every one has a default. */
export interface MicroServicesOptions {
  /** The app's folder; by default the folder of the location given to the constructor. */
  rootPath?: string;
  /** Root templates folder, relative to the root: "templates". */
  templateFolder?: string;
  /** Root static folder, relative to the root: "static". */
  staticFolder?: string;
  /** Where static files are served: "/static". */
  staticUrlPath?: string;
  /** Debug pages for errors, templates and static files re-read from disk. Off by default. */
  debug?: boolean;
  /** Host (and port) for external URLs built outside a request: "example.com". */
  serverName?: string;
  /** Scheme of external URLs built outside a request: "http". */
  preferredUrlScheme?: string;
  /** Log every template lookup, Flask's EXPLAIN_TEMPLATE_LOADING. */
  explainTemplateLoading?: boolean;
  /** Extra rule converters by name (they may replace the builtins). */
  converters?: Readonly<Record<string, ConverterDefinition>>;
  /** Where log lines go: `console` by default. */
  logger?: Logger;
  /**
   * Milliseconds an async view may stay pending before the client gets the 503 page and the
   * logger a line naming the request and the timeout: 30000 (gunicorn's worker timeout). What
   * the view settles with later is dropped. Sync views are never timed; 0 turns it off.
   * @example new MicroServicesApp(import.meta.url, { viewTimeout: 5000 });
   */
  viewTimeout?: number;
}

/** The longest delay `setTimeout` keeps: a longer one would fire at once. */
const MAX_TIMEOUT = 2 ** 31 - 1;

function checkViewTimeout(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_TIMEOUT) {
    throw new RangeError(
      `The viewTimeout option must be a whole number of milliseconds from 0 (no timeout) to ${MAX_TIMEOUT}, got ${String(value)}. Pass, e.g., viewTimeout: 30000.`,
    );
  }
  return value;
}

/** Options of `app.close()`. */
export interface CloseOptions {
  /** Milliseconds to let in-flight requests finish before their connections are cut: 10000. */
  timeout?: number;
}

/** The context of `app.urlFor`: no module, no request; one object for every call. */
const OUTSIDE_REQUEST: UrlContext = Object.freeze({ module: null });

/** A resolution that no view answers. */
export type Unrouted = Exclude<Resolution, { kind: "route" }>;

/** A request being served, as the core sees it: the host's request object and its module. */
export interface RequestScope {
  readonly request: object;
  readonly module: string | null;
  readonly url: UrlContext;
}

/**
 * The host-free part of an app (Flask's "sansio" app): modules, the URL map, `urlFor`,
 * templates and error pages. The Express and Fastify apps extend it with their server.
 */
export class MicroServicesCore {
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
  /** The template engine (Nunjucks environments, one per current module). */
  readonly templates: TemplateEngine;
  #converters: Record<string, ConverterDefinition>;
  /** Where external URLs point outside a request; one object, not one per `urlFor`. */
  readonly #externalDefaults: ExternalDefaults;
  #modules: readonly LoadedModule[] = [];
  #appUrls: readonly NamedURLPattern[] = [];
  #map: UrlMap;
  /** Registrations run one at a time, so that each is all or nothing. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(location: RootLocation, options: MicroServicesOptions = {}) {
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
    this.#externalDefaults = { serverName: this.serverName, scheme: this.preferredUrlScheme };
    this.viewTimeout = checkViewTimeout(options.viewTimeout ?? 30_000);
    this.#converters = { ...BUILTIN_CONVERTERS, ...options.converters };
    this.templates = new TemplateEngine(
      { module: null, path: join(this.rootPath, this.templateFolder) },
      { debug: this.debug, explain: this.explainTemplateLoading, logger: this.logger },
    );
    this.#map = this.#build(this.#modules, this.#appUrls, this.#converters);
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
    this.templates.setModules(modules.map(moduleTemplateFolder));
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
   * Enables modules by name, from `<path>/<name>/index.{ts,js,mjs}`. All or nothing: if one
   * module fails, none of this call is enabled.
   * @example await app.registerUrls(["admin", "forum", "home"]);
   */
  registerUrls(moduleNames: readonly string[], path = "modules"): Promise<void> {
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
  addUrls(urlpatterns: readonly URLPattern[]): this {
    const named = namePatterns("the app", "", [
      ...this.#appUrls.map((entry) => entry.pattern),
      ...urlpatterns,
    ]);
    this.#commit(this.#modules, named, this.#converters);
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
    this.templates.addFilter(name, filter);
    return this;
  }

  /** Adds a global to every template. @example app.addTemplateGlobal("siteName", "Forum"); */
  addTemplateGlobal(name: string, value: unknown): this {
    this.templates.addGlobal(name, value);
    return this;
  }

  /**
   * Builds a URL outside a request; inside one, use `req.urlFor` (relative names work there).
   * @example app.urlFor("forum.thread", { thread_id: 3, page: 2, _anchor: "reply" }); // "/forum/3/?page=2#reply"
   */
  urlFor<E extends Endpoint>(endpoint: E, ...params: UrlForArgs<E>): string {
    return this.buildUrl(endpoint, params[0] ?? {}, OUTSIDE_REQUEST);
  }

  /** Builds a URL in a context (the current module, the request's origin). */
  buildUrl(endpoint: string, params: UrlForParams = {}, context: UrlContext): string {
    return buildUrl(this.#map, endpoint, params, context, this.#externalDefaults);
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
    return this.templates.render(module, name, {
      module,
      url_for: (endpoint: string, params?: unknown) =>
        this.buildUrl(endpoint, keywordArguments(params), { module }),
      ...context,
    });
  }

  /**
   * Resolves a request line against the current URL map; with the raw headers, a request with
   * two Host lines is a 400.
   */
  resolve(method: string, target: string, rawHeaders?: readonly string[]): Resolution {
    return resolveRequest(this.#map, method, target, rawHeaders);
  }

  /**
   * The response for a request that reaches no view: the strict-slash `308`, the `204` (with
   * `Allow`) of an `OPTIONS` no rule claims, or the error page of a 400, 404 or 405 (with
   * `Allow`). Both hosts send it as it is, so that they answer alike.
   */
  unroutedResponse(resolution: Unrouted, scope: RequestScope): ResponseSpec {
    switch (resolution.kind) {
      case "redirect":
        return redirectResponse(resolution.location, 308);
      case "options":
        return { status: 204, headers: [["allow", resolution.allow]], body: null };
      case "error": {
        const spec = this.errorResponse(resolution.status, scope);
        if (resolution.allow) spec.headers.push(["allow", resolution.allow]);
        return spec;
      }
    }
  }

  /** Renders `render(...)` in a request: globals `request`, `module` and `url_for` added. */
  renderInScope(scope: RequestScope, result: RenderResult): string {
    return this.templates.render(scope.module, result.template, {
      request: scope.request,
      module: scope.module,
      url_for: (endpoint: string, params?: unknown) =>
        this.buildUrl(endpoint, keywordArguments(params), scope.url),
      ...result.context,
    });
  }

  /**
   * The response for what a view returned; `undefined` when the view sent it itself, or when
   * it did (`alreadySent`) and also returned one, which is dropped with a warning. The scope is
   * asked for only to render a template: most responses need none.
   */
  responseFor(
    value: unknown,
    endpoint: string,
    scopeOf: () => RequestScope,
    alreadySent = false,
  ): ResponseSpec | undefined {
    if (alreadySent) {
      // Checked before building: a dropped response is not worth rendering.
      if (value !== undefined) {
        this.logger.warn(
          `The view of '${endpoint}' sent a response and also returned one; the returned one was dropped.`,
        );
      }
      return undefined;
    }
    return toResponseSpec(value, endpoint, (result) => this.renderInScope(scopeOf(), result));
  }

  /**
   * The error page for a status: the template `<status>.html` when the search path has one
   * (Django's convention), else the built-in page; with `debug`, a 500 shows the error.
   */
  errorResponse(
    status: number,
    scope: RequestScope,
    options: { error?: unknown; description?: string } = {},
  ): ResponseSpec {
    const headers: [string, string][] = [["content-type", "text/html; charset=utf-8"]];
    if (status >= 500 && this.debug && options.error !== undefined) {
      return { status, headers, body: debugPage(options.error, status, scope.request) };
    }
    const description = options.description ?? describeStatus(status);
    const template = `${status}.html`;
    if (this.templates.has(scope.module, template)) {
      try {
        return {
          status,
          headers,
          body: this.renderInScope(scope, { template, context: { status, description } }),
        };
      } catch (error) {
        this.logger.error(
          `The error page template ${template} failed to render; the built-in page was sent.`,
          error,
        );
      }
    }
    return { status, headers, body: errorPage(status, description) };
  }

  /**
   * The response for an error that ended a request: the page for an `HTTPException`'s status or
   * a client error's (with their headers), else a 500 (a `ViewTimeout`'s 503), logged with the
   * request line, that shows no message, stack or path unless `debug` is on.
   */
  failureResponse(error: unknown, scope: RequestScope, requestLine: string): ResponseSpec {
    const status = errorStatus(error);
    if (status >= 500 && !(error instanceof HTTPException)) {
      this.logger.error(`${requestLine} failed with a ${status}: ${describeError(error)}`, error);
    }
    const description = error instanceof HTTPException ? error.description : undefined;
    const spec = this.errorResponse(status, scope, { error, description });
    spec.headers.push(...errorHeaders(error, status));
    return spec;
  }

  /**
   * Logs an error that came once the response had started: no error page can replace it any
   * more. A half-sent response (`ended` false) is cut by the host, so that the client cannot
   * take it for a whole one; a whole one (`ended`) was delivered and is left alone.
   */
  logFailureAfterStart(error: unknown, requestLine: string, ended: boolean): void {
    const outcome = ended
      ? "after its response was sent (the client got that response)"
      : "after its response had started (the connection was cut, so that the client cannot take half a response for a whole one)";
    this.logger.error(`${requestLine} failed ${outcome}: ${describeError(error)}`, error);
  }
}
