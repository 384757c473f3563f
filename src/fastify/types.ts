import type { FastifyReply, FastifyRequest } from "fastify";
import type * as core from "../core/http/index.js";

/**
 * A Fastify request as a view receives it: params converted and typed, `module`, `urlFor`,
 * the request data.
 * @example export const show = (request: Request<{ id: number }>) => ({ id: request.params.id });
 */
export type Request<
  Params = Record<string, unknown>,
  Data extends core.RequestDataTypes = core.DefaultRequestData,
> = FastifyRequest<{ Params: Params; Querystring: Data["query"] }> & core.ViewRequest<Params, Data>;

/** The Fastify reply a native view writes to. */
export type Reply = FastifyReply;

/**
 * A Fastify view for a rule, its params typed from the rule string. It may use `reply`, or
 * return the response (string, object, `render()`, `redirect()`, tuple, `Response`).
 * @example export const editRole: View<"/roles/<int:role_id>/"> = (request, reply) => reply.send(`role ${request.params.role_id}`);
 */
export type View<Rule extends string = string> = {
  view(request: Request<core.RuleParams<Rule>>, reply: Reply): unknown;
}["view"];

declare module "../core/http/view.js" {
  interface ViewTypes<Params, Data extends core.RequestDataTypes = core.DefaultRequestData> {
    fastify: { view(request: Request<Params, Data>, reply: Reply): unknown }["view"];
  }
}

// Every Fastify request has them (decorations, set in an onRequest hook before any other),
// so that hooks read request.module and request.urlRule typed.
declare module "fastify" {
  interface FastifyRequest extends Pick<core.RequestAdditions, "module" | "urlRule" | "urlFor"> {}
}
