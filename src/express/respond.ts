import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { Response } from "express";
import type { ResponseSpec } from "../core/http/index.js";
import { sendWhole } from "./send-whole.js";

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
