import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { FastifyReply } from "fastify";
import type { ResponseSpec } from "../core/http/index.js";
import { isFresh, weakETag } from "../core/http/index.js";

/** A 204 or 304 carries no body, so no headers that describe one. */
function sendEmpty(reply: FastifyReply, status: number): void {
  for (const name of ["content-type", "content-length", "transfer-encoding"]) {
    reply.removeHeader(name);
  }
  reply.code(status).send();
}

/**
 * Bytes and strings get what Express's `res.send` gives them: a weak ETag (`weakETag`) unless
 * `etag` is off or one is set, and a 304 when fresh.
 */
function sendWhole(
  reply: FastifyReply,
  status: number,
  body: string | Buffer,
  etag: boolean,
): void {
  if (etag && !reply.hasHeader("etag")) reply.header("etag", weakETag(body));
  if (isFresh(reply.request.method, reply.request.headers, status, reply)) {
    sendEmpty(reply, 304);
  } else if (status === 204 || status === 304) sendEmpty(reply, status);
  else reply.code(status).send(body);
}

/**
 * A streamed body, as a Node stream: Fastify cuts the connection when it fails mid-way but
 * logs only to its own logger, so a failure once the response started also goes to `fail`
 * (the app's logger). One that fails before is Fastify's to send to the error handler.
 */
function sendStream(
  reply: FastifyReply,
  status: number,
  body: ReadableStream<Uint8Array>,
  fail: ((error: unknown) => void) | undefined,
): void {
  const stream = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  if (fail) {
    stream.once("error", (error) => {
      if (reply.raw.headersSent) fail(error);
    });
  }
  reply.code(status).send(stream);
}

/**
 * Writes a response described by the core through Fastify's reply, so that its hooks
 * (`onSend`, `onResponse`) run; bodies get a weak ETag (unless `etag`, the app's option, is
 * off) and a 304 as on the Express host. A streamed body that fails once sent goes to `fail`,
 * to be logged.
 */
export function writeReply(
  reply: FastifyReply,
  spec: ResponseSpec,
  etag: boolean,
  fail?: (error: unknown) => void,
): void {
  // Fastify's `header()` appends to Set-Cookie and replaces every other header.
  for (const [name, value] of spec.headers) reply.header(name, value);
  const { status, body } = spec;
  if (body === null) {
    reply.code(status).send();
  } else if (typeof body === "string") {
    sendWhole(reply, status, body, etag);
  } else if (body instanceof Uint8Array) {
    sendWhole(reply, status, Buffer.from(body.buffer, body.byteOffset, body.byteLength), etag);
  } else if (reply.request.method === "HEAD") {
    void body.cancel();
    reply.code(status).send();
  } else {
    sendStream(reply, status, body, fail);
  }
}
