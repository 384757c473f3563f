import type { UrlContext, UrlForParams } from "../routing/reverse.js";
import { keywordArguments } from "./keyword-args.js";

/** What a render is for: the current module, where URLs are built from, and the request. */
export interface RenderScope {
  readonly module: string | null;
  readonly url: UrlContext;
  /** The host's request object; undefined outside a request (`app.renderTemplate`). */
  readonly request?: object;
}

/** A global whose value depends on the render running (`request`, `url_for`). */
export type ScopedGlobal = (scope: RenderScope) => unknown;

/** What the Flask globals need of the app. */
export interface FlaskGlobalsSource {
  buildUrl(endpoint: string, params: UrlForParams, context: UrlContext): string;
  readonly debug: boolean;
  readonly serverName: string | undefined;
  readonly preferredUrlScheme: string;
  readonly explainTemplateLoading: boolean;
  readonly templateFolder: string;
  readonly staticFolder: string;
  readonly staticUrlPath: string;
  readonly viewTimeout: number;
}

/**
 * Flask's `config` in templates: the app's public options, under Flask's names
 * (`config.DEBUG`, `config["SERVER_NAME"]`) and this library's (`config.staticUrlPath`).
 * Frozen: a template cannot change the app. The root path is left out, as it names a folder
 * of the server.
 * @example publicConfig(app).DEBUG; // false
 */
export function publicConfig(app: FlaskGlobalsSource): Readonly<Record<string, unknown>> {
  return Object.freeze({
    DEBUG: app.debug,
    SERVER_NAME: app.serverName ?? null,
    PREFERRED_URL_SCHEME: app.preferredUrlScheme,
    EXPLAIN_TEMPLATE_LOADING: app.explainTemplateLoading,
    APPLICATION_ROOT: "/",
    debug: app.debug,
    serverName: app.serverName ?? null,
    preferredUrlScheme: app.preferredUrlScheme,
    explainTemplateLoading: app.explainTemplateLoading,
    templateFolder: app.templateFolder,
    staticFolder: app.staticFolder,
    staticUrlPath: app.staticUrlPath,
    viewTimeout: app.viewTimeout,
  });
}

/**
 * Flask's template globals, read from the render running: `url_for` (relative `.name` is the
 * current module's; `_external=True` builds an absolute URL), `request`, `module` and `config`.
 * Being globals of the environment, they also work inside macros imported without context.
 * @example for (const [name, read] of Object.entries(flaskGlobals(app))) engine.addScopedGlobal(name, read);
 */
export function flaskGlobals(app: FlaskGlobalsSource): Readonly<Record<string, ScopedGlobal>> {
  const config = publicConfig(app);
  return {
    url_for: (scope) => (endpoint: string, params?: unknown) =>
      app.buildUrl(endpoint, keywordArguments(params) ?? {}, scope.url),
    request: (scope) => scope.request,
    // Outside a module it is undefined, not None: it prints as nothing, as it always has.
    module: (scope) => scope.module ?? undefined,
    config: () => config,
  };
}
