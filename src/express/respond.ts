import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import express, { type Response } from "express";
import { isFresh, type ResponseSpec, weakETag } from "../core/http/index.js";

/** The `etag fn` settings `sendWhole` reproduces: Express's default ("weak"), and none (off). */
const TWIN_ETAG_FUNCTIONS: ReadonlySet<unknown> = new Set([express().get("etag fn"), undefined]);

/**
 * The Content-Types `res.send` leaves as they are for a string (its `setCharset` to UTF-8
 * rewrites any other): the ones the core gives pages, JSON and redirects.
 */
const UTF8_TYPES: ReadonlySet<unknown> = new Set([
  "text/html; charset=utf-8",
  "application/json; charset=utf-8",
]);

/**
 * Whether `res.send` would do to this body exactly what `sendWhole` does: the app's ETag is
 * Express's default (weak) one or none (the `etag` setting off), the Content-Type is one
 * `res.send` keeps, and no Transfer-Encoding asks for another framing. Anything else goes
 * through `res.send` itself.
 */
function sendsAsExpressWould(res: Response, body: string | Buffer, etagFunction: unknown): boolean {
  if (!TWIN_ETAG_FUNCTIONS.has(etagFunction) || res.hasHeader("transfer-encoding")) return false;
  const type = res.getHeader("content-type");
  return typeof body === "string" ? UTF8_TYPES.has(type) : Boolean(type);
}

/**
 * Sends a whole body as Express's `res.send` does (the same headers, names and order:
 * `Content-Length`, a weak `ETag` unless one is set or the setting is off, a 304 when the
 * client's copy is fresh, no body for a HEAD, a 204 or a 304), without its per-response work:
 * it reparsed the Content-Type, copied a string into a Buffer and hashed it with a `Hash`
 * object (a tenth of a request, profiled). Its weak ETag is the core's `weakETag`, alike on
 * both hosts.
 */
function sendWhole(res: Response, body: string | Buffer): void {
  const etagFunction: unknown = res.app.get("etag fn");
  if (!sendsAsExpressWould(res, body, etagFunction)) {
    res.send(body);
    return;
  }
  // `res.send` sets these through `res.set`, which puts the header names in this case on the
  // wire; it sets a string's Content-Type again (to the same value, checked above).
  if (typeof body === "string") res.setHeader("Content-Type", res.getHeader("content-type") ?? "");
  const length = typeof body === "string" ? Buffer.byteLength(body) : body.length;
  res.setHeader("Content-Length", String(length));
  if (etagFunction !== undefined && !res.getHeader("etag")) res.setHeader("ETag", weakETag(body));
  const { req } = res;
  if (isFresh(req.method, req.headers, res.statusCode, res)) res.statusCode = 304;
  let payload: string | Buffer = body;
  if (res.statusCode === 204 || res.statusCode === 304) {
    res.removeHeader("Content-Type");
    res.removeHeader("Content-Length");
    res.removeHeader("Transfer-Encoding");
    payload = "";
  } else if (res.statusCode === 205) {
    res.setHeader("Content-Length", "0");
    payload = "";
  }
  if (req.method === "HEAD") res.end();
  else res.end(payload);
}

/**
 * Writes a response described by the core as Express's own tools do: strings and bytes get
 * `res.send`'s ETag, `Content-Length`, conditional 304 and HEAD handling (`sendWhole`). A streamed body
 * that fails goes to `fail` (the error page if nothing was sent yet, else a logged cut), or
 * without one is cut.
 */
export function writeResponse(
  res: Response,
  spec: ResponseSpec,
  fail?: (error: unknown) => void,
): void {
  res.status(spec.status);
  for (const [name, value] of spec.headers) {
    if (name.toLowerCase() === "set-cookie") res.append(name, value);
    else res.setHeader(name, value);
  }
  const { body } = spec;
  if (body === null) {
    res.end();
  } else if (typeof body === "string") {
    sendWhole(res, body);
  } else if (body instanceof Uint8Array) {
    sendWhole(res, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  } else if (res.req.method === "HEAD") {
    void body.cancel();
    res.end();
  } else {
    const stream = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
    stream.once("error", (error) => {
      stream.unpipe(res);
      if (fail) fail(error);
      else res.destroy();
    });
    stream.pipe(res);
  }
}
