import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { debugPage } from "../core/http/debug-page.js";
import type { CliApp } from "./load-app.js";

/** What `dev` adds to an app's request handling, on either host. */
export interface DevHooks {
  /** One line per request: method, path, status, milliseconds, module. */
  readonly log: (line: string) => void;
  /** The error of a failed reload, shown (once) as the next page; `undefined` when none. */
  takePendingError(): unknown;
}

/** "GET /forum/3/ 200 4.1 ms forum" */
const requestLine = (
  method: string,
  path: string,
  status: number,
  ms: number,
  module: string | null | undefined,
) => `${method} ${path} ${status} ${ms.toFixed(1)} ms ${module ?? "-"}`;

interface ExpressLike {
  use(handler: (req: IncomingMessage, res: ServerResponse, next: () => void) => void): unknown;
}
interface FastifyLike {
  addHook(name: string, hook: (...args: never[]) => unknown): unknown;
}

/**
 * Logs every request and shows a failed reload's error as the next page: Express middleware
 * in front of the modules, or Fastify `onRequest`/`onResponse` hooks.
 * @example installDevHooks(app, { log: console.log, takePendingError: () => undefined });
 */
export function installDevHooks(app: CliApp, hooks: DevHooks): void {
  const page = (error: unknown, request: object) => debugPage(error, 500, request);
  if (app.fastify === undefined) {
    (app as unknown as ExpressLike).use((req, res, next) => {
      const started = performance.now();
      res.once("finish", () => {
        const { originalUrl, module } = req as IncomingMessage & {
          originalUrl?: string;
          module?: string | null;
        };
        hooks.log(
          requestLine(
            req.method ?? "",
            originalUrl ?? req.url ?? "",
            res.statusCode,
            performance.now() - started,
            module,
          ),
        );
      });
      const error = hooks.takePendingError();
      if (error === undefined) return next();
      res.statusCode = 500;
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(page(error, req));
    });
    return;
  }
  const fastify = app.fastify as unknown as FastifyLike;
  type Request = { method: string; url: string; module?: string | null; raw: IncomingMessage };
  type Reply = {
    statusCode: number;
    elapsedTime: number;
    code(status: number): Reply;
    type(value: string): Reply;
    send(body: string): Reply;
  };
  fastify.addHook("onRequest", (async (request: Request, reply: Reply) => {
    const error = hooks.takePendingError();
    if (error !== undefined)
      return reply.code(500).type("text/html; charset=utf-8").send(page(error, request.raw));
  }) as (...args: never[]) => unknown);
  fastify.addHook("onResponse", (async (request: Request, reply: Reply) => {
    hooks.log(
      requestLine(request.method, request.url, reply.statusCode, reply.elapsedTime, request.module),
    );
  }) as (...args: never[]) => unknown);
}
