import send from "@fastify/send";
import type { FastifyReply, FastifyRequest } from "fastify";
import { isByteRanges } from "../core/lookup/range-header.js";
import type { StaticRoute } from "../core/routing/route.js";

/**
 * Serves `/static/<path:filename>` (or a module's) with `@fastify/send`: ETag, Last-Modified,
 * 304, Range and content types. The index names the file; anything it does not know is a 404
 * (`notFound`), and the sender's other errors (a 416) go to the route's error handler.
 */
export async function serveStatic(
  route: StaticRoute,
  request: FastifyRequest,
  reply: FastifyReply,
  notFound: () => void,
): Promise<void> {
  const { filename } = request.params as { filename: string };
  const file = route.files.find(filename);
  if (!file) {
    notFound();
    return;
  }
  // A malformed Range is ignored, as on Express: this sender would answer it with a 416.
  const { range } = request.raw.headers;
  if (range !== undefined && !isByteRanges(range)) delete request.raw.headers.range;
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
  else reply.send(error);
}
