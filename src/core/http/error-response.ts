import type { IncomingHttpHeaders } from "node:http";
import type { Logger } from "../logger.js";
import type { SearchFolder } from "../lookup/search-path.js";
import type { Resolution } from "../routing/resolve.js";
import type { UrlContext } from "../routing/reverse.js";
import type { TemplateEngine } from "../templates/template-engine.js";
import { debugPage } from "./debug-page.js";
import { describeStatus, errorPage } from "./error-pages.js";
import { describeError, errorHeaders, errorStatus } from "./failures.js";
import { RequestRejected, rejectionResponse } from "./rejection-response.js";
import {
  HTTPException,
  type RenderResult,
  type ResponseSpec,
  redirectResponse,
} from "./responses.js";

/** A request being served, as templates and error pages see it: the host's request and its module. */
export interface RequestScope {
  readonly request: object;
  readonly module: string | null;
  readonly url: UrlContext;
}

/** A resolution that no view answers, and that is no error: a redirect or an `OPTIONS`. */
export type Redirect = Extract<Resolution, { kind: "redirect" | "options" }>;

/** What error responses need of an app. */
interface ErrorResponderApp {
  readonly debug: boolean;
  readonly logger: Logger;
  readonly templates: TemplateEngine;
}

const HTML = "text/html; charset=utf-8";

/**
 * The responses a request gets when no view answers it: the strict-slash 308, OPTIONS, and the
 * error pages (`<status>.html` from the search path, else the built-in page), the same on
 * every host.
 */
export class ErrorResponder {
  readonly #app: ErrorResponderApp;
  readonly #render: (scope: RequestScope, result: RenderResult, folder: SearchFolder) => string;

  constructor(
    app: ErrorResponderApp,
    render: (scope: RequestScope, result: RenderResult, folder: SearchFolder) => string,
  ) {
    this.#app = app;
    this.#render = render;
  }

  /**
   * The response for a request that reaches no view and is no error: the strict-slash `308`,
   * or the `204` (with `Allow`) of an `OPTIONS` no rule claims. (Its 400, 404 and 405 are
   * errors, for the error handlers and pages.)
   */
  unrouted(resolution: Redirect): ResponseSpec {
    return resolution.kind === "redirect"
      ? redirectResponse(resolution.location, 308)
      : { status: 204, headers: [["allow", resolution.allow]], body: null };
  }

  /**
   * The error page for a status: the template `<status>.html` of the module serving the
   * request, else the root's (Django's convention; never another module's), else the
   * built-in page; with `debug`, a 500 shows the error.
   */
  page(
    status: number,
    scope: RequestScope,
    options: { error?: unknown; description?: string } = {},
  ): ResponseSpec {
    const headers: [string, string][] = [["content-type", HTML]];
    if (status >= 500 && this.#app.debug && options.error !== undefined) {
      return { status, headers, body: debugPage(options.error, status, scope.request) };
    }
    const description = options.description ?? describeStatus(status);
    const template = `${status}.html`;
    const folder = this.#app.templates.ownOrRootFolder(scope.module, template);
    if (folder) {
      try {
        const body = this.#render(scope, { template, context: { status, description } }, folder);
        return { status, headers, body };
      } catch (error) {
        this.#app.logger.error(
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
  failure(error: unknown, scope: RequestScope, requestLine: string): ResponseSpec {
    if (error instanceof RequestRejected) {
      const { headers } = scope.request as { headers: IncomingHttpHeaders };
      return rejectionResponse(error.rejection, headers, (status, description) =>
        this.page(status, scope, { description }),
      );
    }
    const status = errorStatus(error);
    if (status >= 500 && !(error instanceof HTTPException)) {
      this.#app.logger.error(
        `${requestLine} failed with a ${status}: ${describeError(error)}`,
        error,
      );
    }
    const description = error instanceof HTTPException ? error.description : undefined;
    const spec = this.page(status, scope, { error, description });
    spec.headers.push(...errorHeaders(error, status));
    return spec;
  }

  /**
   * Logs an error that came once the response had started: no error page can replace it any
   * more. A half-sent response (`ended` false) is cut by the pipeline; a whole one was
   * delivered and is left alone.
   */
  logFailureAfterStart(error: unknown, requestLine: string, ended: boolean): void {
    const outcome = ended
      ? "after its response was sent (the client got that response)"
      : "after its response had started (the connection was cut, so that the client cannot take half a response for a whole one)";
    this.#app.logger.error(`${requestLine} failed ${outcome}: ${describeError(error)}`, error);
  }
}
