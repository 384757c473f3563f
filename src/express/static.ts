import type { NextFunction, Request, Response } from "express";
import send from "send";
import { isByteRanges } from "../core/lookup/range-header.js";
import type { StaticRoute } from "../core/routing/route.js";

/**
 * Serves `/static/<path:filename>` (or a module's) with `send`: ETag, Last-Modified, 304,
 * Range and content types. The index names the file; anything it does not know is a 404.
 */
export function serveStatic(
  route: StaticRoute,
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  const file = route.files.find(String(req.params.filename));
  if (!file) {
    next();
    return;
  }
  // A malformed Range is ignored, as on Fastify, whose sender would answer it with a 416.
  const { range } = req.headers;
  if (range !== undefined && !isByteRanges(range)) delete req.headers.range;
  // The file's ETag and Last-Modified, set before `send` finds it cannot serve (a 416), do not
  // describe the error page: they are dropped, as Fastify's sender never sets them.
  const before = res.getHeaderNames();
  // `send` takes a URL-encoded path; the index already refused anything unsafe.
  send(req, encodeURI(file.relativePath), { root: file.root, index: false, dotfiles: "allow" })
    .on("error", (error: { status?: number }) => {
      for (const name of res.getHeaderNames()) if (!before.includes(name)) res.removeHeader(name);
      if (error.status === 404) next();
      else next(error);
    })
    .pipe(res);
}
