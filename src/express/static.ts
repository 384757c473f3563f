import { extname } from "node:path";
import type { Request, Response } from "express";
import { contentType } from "mime-types";
import send from "send";
import type { HostAdapter } from "../core/http/index.js";

type SendFile = HostAdapter<Request, Response>["sendFile"];

/**
 * Sends a static file the index found with `send`: ETag, Last-Modified, 304, Range and
 * content types. A file gone since it was indexed is `notFound`; other errors (a 416) `fail`.
 */
export const sendFile: SendFile = (req, res, file, notFound, fail) => {
  // The file's ETag and Last-Modified, set before `send` finds it cannot serve (a 416), do not
  // describe the error page: they are dropped, as Fastify's sender never sets them.
  const before = res.getHeaderNames();
  // `send` takes a URL-encoded path; the index already refused anything unsafe.
  send(req, encodeURI(file.relativePath), { root: file.root, index: false, dotfiles: "allow" })
    .on("error", (error: { status?: number }) => {
      for (const name of res.getHeaderNames()) if (!before.includes(name)) res.removeHeader(name);
      if (error.status === 404) notFound();
      else fail(error);
    })
    .pipe(res);
};

/** The Content-Type `send` gives a file: `mime-types`' for its extension, else binary. */
export const staticContentType = (path: string): string =>
  contentType(extname(path)) || "application/octet-stream";
