import send from "@fastify/send";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { StaticFile } from "../core/lookup/static-files.js";

/**
 * Sends a static file the index found with `@fastify/send`: ETag, Last-Modified, 304, Range
 * and content types. A file gone since it was indexed is `notFound`; other errors (a 416) `fail`.
 */
export async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: StaticFile,
  notFound: () => void,
  fail: (error: unknown) => void,
): Promise<void> {
  // The sender takes a URL-encoded path; the index already refused anything unsafe.
  const result = await send(request.raw, encodeURI(file.relativePath), {
    root: file.root,
    index: false,
    dotfiles: "allow",
  });
  if (result.type === "file") {
    reply.code(result.statusCode).headers(result.headers).send(result.stream);
    return;
  }
  result.stream.destroy();
  const error = result.type === "error" ? result.metadata.error : undefined;
  if (error === undefined || (error as { status?: number }).status === 404) notFound();
  else fail(error);
}
