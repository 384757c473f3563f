import type { SearchFolder } from "../lookup/search-path.js";
import type { ServedSite } from "../routing/resolve.js";
import type { UrlContext } from "../routing/reverse.js";
import type { TemplateEngine } from "../templates/template-engine.js";
import type { RequestScope } from "./error-response.js";
import { stateOf } from "./hooked-request.js";
import type { Origin } from "./host-adapter.js";
import type { RenderResult } from "./responses.js";
import type { UrlForParams } from "./view.js";

/** What building URLs and rendering in a request need of an app. */
interface ContextApp {
  readonly templates: TemplateEngine;
  buildUrl(endpoint: string, params: UrlForParams | undefined, context: UrlContext): string;
}

/** A host request after `bind`: the module serving it. */
type BoundRequest = { module?: string | null };

/**
 * What a request is to `urlFor` and templates: its module, its origin, its request; and
 * rendering in it, with the context processors of its hooks.
 * @example const html = context.render(context.scope(req), render("page.html"));
 */
export class RequestContext<HostRequest extends object> {
  readonly #app: ContextApp;
  readonly #origin: (request: HostRequest) => Origin;

  constructor(app: ContextApp, origin: (request: HostRequest) => Origin) {
    this.#app = app;
    this.#origin = origin;
  }

  /**
   * Where `urlFor` builds from inside this request: its module, its origin for `_external`,
   * and the prefix and domain it was served on.
   */
  urlContext(request: HostRequest): UrlContext {
    const resolution = stateOf(request)?.resolution;
    const served: ServedSite =
      resolution?.kind === "route" || resolution?.kind === "error" ? resolution : {};
    return {
      module: (request as BoundRequest).module ?? null,
      origin: () => this.#origin(request),
      request,
      scriptName: served.scriptName,
      domain: served.domain,
    };
  }

  /** The request as templates and error pages see it. */
  scope(request: HostRequest): RequestScope {
    return {
      request,
      module: (request as BoundRequest).module ?? null,
      url: this.urlContext(request),
    };
  }

  /** `req.urlFor`: `this` is the request. */
  requestUrlFor(): (this: HostRequest, endpoint: string, params?: UrlForParams) => string {
    const context = this;
    return function urlFor(this: HostRequest, endpoint: string, params?: UrlForParams) {
      return context.#app.buildUrl(endpoint, params, context.urlContext(this));
    };
  }

  /**
   * Renders `render(...)` in a request: the context processors' values, then the view's own
   * context; `request`, `module`, `url_for` and the other Flask globals are the environment's,
   * read from `scope`. `folder`: that folder's file (error pages).
   */
  render(scope: RequestScope, result: RenderResult, folder?: SearchFolder): string {
    // `request`, `module`, `url_for`, `config` and the request data's globals are the
    // environment's, read from `scope`, so that imported macros see them too.
    const processed = stateOf(scope.request)?.hooks?.templateContext(scope.request);
    const context = processed ? { ...processed, ...result.context } : result.context;
    return this.#app.templates.render(scope.module, result.template, context, scope, folder);
  }
}
