import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from "express";
import type * as core from "../core/http/index.js";

/**
 * An Express request as a view receives it: params converted and typed, `module`, `urlFor`,
 * the request data. Express types `cookies` as `any` (for cookie-parser), which would swallow
 * the library's type, so it is left out of Express's part.
 * @example export const show = (req: Request<{ id: number }>) => ({ id: req.params.id });
 */
export type Request<
  Params = Record<string, unknown>,
  Data extends core.RequestDataTypes = core.DefaultRequestData,
> = Omit<ExpressRequest<Params, unknown, unknown, Data["query"]>, "cookies"> &
  core.ViewRequest<Params, Data>;

/** The Express response a native view writes to. */
export type Response = ExpressResponse<unknown>;

/**
 * An Express view for a rule, its params typed from the rule string. It may use `res`, or
 * return the response (string, object, `render()`, `redirect()`, tuple, `Response`).
 * @example export const editRole: View<"/roles/<int:role_id>/"> = (req, res) => res.send(`role ${req.params.role_id}`);
 */
export type View<Rule extends string = string> = {
  view(req: Request<core.RuleParams<Rule>>, res: Response, next: NextFunction): unknown;
}["view"];

declare module "../core/http/view.js" {
  interface ViewTypes<Params, Data extends core.RequestDataTypes = core.DefaultRequestData> {
    express: {
      view(req: Request<Params, Data>, res: Response, next: NextFunction): unknown;
    }["view"];
  }
}

// Every Express request has them (the app matches before any middleware runs), so that
// middleware, app.use() included, reads req.module and req.urlRule typed.
declare global {
  namespace Express {
    interface Request extends Pick<core.RequestAdditions, "module" | "urlRule" | "urlFor"> {}
  }
}
