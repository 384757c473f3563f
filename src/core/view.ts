import type { IncomingHttpHeaders } from "node:http";
import type { Endpoint, UrlForArgs } from "./routing/endpoint-types.js";
import type { RuleParams } from "./rule-params.js";

/** Values `urlFor` accepts: rule variables, query parameters, and `_anchor`, `_external`, `_scheme`, `_method`. */
export type UrlForParams = Readonly<Record<string, unknown>>;

/**
 * The request fields every host gives a view. A view that uses only these (and returns its
 * response) runs unchanged on Express and on Fastify.
 * @example export const show = (req: ViewRequest<{ id: number }>) => ({ id: req.params.id });
 */
export interface ViewRequest<Params = Record<string, unknown>> {
  /** The rule's variables, converted: `<int:id>` gives a number. */
  readonly params: Params;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly query: unknown;
  /** The parsed body, when a body parser ran (Express middleware, a Fastify content parser). */
  readonly body: unknown;
  /** The module serving this request, or `null` for an app-level url. */
  readonly module: string | null;
  /** Builds a URL; `.name` is relative to this request's module. */
  urlFor<E extends Endpoint>(endpoint: E, ...params: UrlForArgs<E>): string;
}

/**
 * The view function type of each host, keyed by host name. Hosts add themselves by
 * declaration merging, so that `url()` gives an inline view its host's request type.
 * Written as methods so that a view typed more narrowly than the host's request still fits.
 */
export interface ViewTypes<Params> {
  portable: { view(request: ViewRequest<Params>): unknown }["view"];
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

/** Any view function, as the core stores it. */
export type AnyView = (...args: never[]) => unknown;
