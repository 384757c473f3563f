import send from "@fastify/send";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { HostAdapter } from "../core/http/index.js";

type SendFile = HostAdapter<FastifyRequest, FastifyReply>["sendFile"];

/**
 * Sends a static file the index found with `@fastify/send`: ETag, Last-Modified, 304, Range
 * and content types. A file gone since it was indexed is `notFound`; other errors (a 416) `fail`.
 */
export const sendFile: SendFile = (request, reply, file, notFound, fail) => {
  const options = { root: file.root, index: false, dotfiles: "allow" as const };
  // The sender takes a URL-encoded path; the index already refused anything unsafe.
  send(request.raw, encodeURI(file.relativePath), options)
    .then((result) => {
      if (result.type === "file") {
        reply.code(result.statusCode).headers(result.headers).send(result.stream);
        return;
      }
      result.stream.destroy();
      const error = result.type === "error" ? result.metadata.error : undefined;
      if (error === undefined || (error as { status?: number }).status === 404) notFound();
      else fail(error);
    })
    .catch(fail);
};

/** The Content-Type `@fastify/send` gives a file: its `mime` table's, UTF-8 for text; none if unknown. */
export function staticContentType(path: string): string | undefined {
  const type = send.mime.getType(path);
  if (type === null) return undefined;
  return send.isUtf8MimeType(type) ? `${type}; charset=utf-8` : type;
}
