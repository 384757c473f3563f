import type { FastifyReply, FastifyRequest } from "fastify";
import type { Endpoint, UrlForArgs } from "../core/routing/endpoint-types.js";
import type { RuleParams } from "../core/rule-params.js";

/** What this library adds to every Fastify request (decorations, typed here only). */
export interface RequestAdditions {
  /** The module serving this request, or `null` for an app-level url. */
  module: string | null;
  /** Builds a URL; `.name` is relative to this request's module. */
  urlFor<E extends Endpoint>(endpoint: E, ...params: UrlForArgs<E>): string;
}

/**
 * A Fastify request as a view receives it: params converted and typed, `module`, `urlFor`.
 * @example export const show = (request: Request<{ id: number }>) => ({ id: request.params.id });
 */
export type Request<Params = Record<string, unknown>> = FastifyRequest<{ Params: Params }> &
  RequestAdditions;

/** The Fastify reply a native view writes to. */
export type Reply = FastifyReply;

/**
 * A Fastify view for a rule, its params typed from the rule string. It may use `reply`, or
 * return the response (string, object, `render()`, `redirect()`, tuple, `Response`).
 * @example export const editRole: View<"/roles/<int:role_id>/"> = (request, reply) => reply.send(`role ${request.params.role_id}`);
 */
export type View<Rule extends string = string> = {
  view(request: Request<RuleParams<Rule>>, reply: Reply): unknown;
}["view"];

declare module "../core/view.js" {
  interface ViewTypes<Params> {
    fastify: { view(request: Request<Params>, reply: Reply): unknown }["view"];
  }
}
