import type { IncomingHttpHeaders } from "node:http";
import type { Cookies } from "../request-data/cookies.js";
import type { UploadedFiles } from "../request-data/multipart.js";
import type { Session } from "../request-data/session.js";
import type { DefaultRequestData, RequestDataTypes } from "../request-data/types.js";
import type { Endpoint, UrlForArgs } from "../routing/endpoint-types.js";
import type { UrlForParams } from "../routing/reverse.js";
import type { RuleParams } from "../routing/rule-params.js";
import type { UrlRule } from "../routing/url-rule.js";

export type { AnyView } from "../routing/route.js";
export type { UrlForParams };

/**
 * The request fields every host gives a view. A view that uses only these (and returns its
 * response) runs unchanged on Express and on Fastify.
 * @example export const show = (req: ViewRequest<{ id: number }>) => ({ id: req.params.id });
 */
export interface ViewRequest<
  Params = Record<string, unknown>,
  Data extends RequestDataTypes = DefaultRequestData,
> {
  /** The rule's variables, converted: `<int:id>` gives a number. */
  readonly params: Params;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The query string's fields (Flask's `request.args`), or its schema's output. */
  readonly query: Data["query"];
  /** A URL-encoded or multipart form's fields (Flask's `request.form`): `{}` without one. */
  readonly form: Data["form"];
  /** A JSON body (Flask's `request.get_json()`): `undefined` without one. */
  readonly json: Data["json"];
  /** The files of a multipart form (Flask's `request.files`). */
  readonly files: UploadedFiles;
  /** The request's cookies (Flask's `request.cookies`). */
  readonly cookies: Cookies;
  /** The signed session (Flask's `session`); needs the app's `secretKey`. */
  readonly session: Session;
  /** The body as read: `json` for a JSON body, else `form` (or a host middleware's own result). */
  readonly body: unknown;
  /** The module serving this request, or `null` for an app-level url. */
  readonly module: string | null;
  /** The rule this request matched (Flask's `request.url_rule`); `null` when none did. */
  readonly urlRule: UrlRule | null;
  /** Builds a URL; `.name` is relative to this request's module. */
  urlFor<E extends Endpoint>(endpoint: E, ...params: UrlForArgs<E>): string;
}

/**
 * The view function type of each host, keyed by host name. Hosts add themselves by
 * declaration merging, so that `url()` gives an inline view its host's request type.
 * Written as methods so that a view typed more narrowly than the host's request still fits.
 */
export interface ViewTypes<Params, Data extends RequestDataTypes = DefaultRequestData> {
  portable: { view(request: ViewRequest<Params, Data>): unknown }["view"];
}

/** The name of a host with a view type: "portable", "express", "fastify". */
export type HostName = keyof ViewTypes<unknown>;

/**
 * A view for a rule on a host, its params typed from the rule string.
 * @example export const editRole: View<"/roles/<int:role_id>/"> = (req) => render("role.html", { id: req.params.role_id });
 */
export type View<Rule extends string = string, Host extends HostName = "portable"> = ViewTypes<
  RuleParams<Rule>
>[Host];

/**
 * What this library adds to every host's request: `module`, `urlRule`, `urlFor` and the
 * request data (everything of `ViewRequest` but what the host itself has).
 * @example const guard = (req: RequestAdditions) => req.module === "admin";
 */
export type RequestAdditions<Data extends RequestDataTypes = DefaultRequestData> = Omit<
  ViewRequest<unknown, Data>,
  "params" | "method" | "url" | "headers"
>;
