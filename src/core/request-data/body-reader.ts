import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { reject } from "./rejection.js";

/** The `Content-Encoding`s the app decodes, and the stream that decodes each. */
const DECODERS: Readonly<Record<string, () => NodeJS.ReadWriteStream>> = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Whether a request carries a body: a `Transfer-Encoding`, or a `Content-Length` above 0
 * (RFC 9112, section 6.3). A body already read by the host's own middleware (Express's
 * `express.json()`, a Fastify content parser added by hand) counts as none.
 * @example hasBody(req); // false for a GET without Content-Length
 */
export function hasBody(incoming: IncomingMessage): boolean {
  if (incoming.readableEnded || incoming.readableDidRead) return false;
  return announcesBody(incoming);
}

/**
 * Whether a request's headers announce a body, read or not.
 * @example announcesBody(req) && !req.readableEnded; // part of the body is still unread
 */
export function announcesBody(incoming: IncomingMessage): boolean {
  const { headers } = incoming;
  if (headers["transfer-encoding"] !== undefined) return true;
  const length = headers["content-length"];
  return length !== undefined && length !== "0";
}

/**
 * The request's body as a stream of decoded bytes: gzip, deflate and br are decoded (a bad
 * encoding is a 400 when read), another `Content-Encoding` is a 415. A `Content-Length` over
 * `limit` is a 413 before anything is read.
 * @example const stream = decodedBody(req, 1048576, "bodyLimits.body");
 */
export function decodedBody(incoming: IncomingMessage, limit: number, option: string): Readable {
  const declared = Number(incoming.headers["content-length"]);
  if (declared > limit) tooLarge(limit, option);
  const encoding = (incoming.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return incoming;
  const decoder = Object.hasOwn(DECODERS, encoding) ? DECODERS[encoding] : undefined;
  if (decoder === undefined) {
    reject(
      415,
      `The Content-Encoding '${encoding}' is not supported: send the body as it is, or encoded with gzip, deflate or br.`,
    );
  }
  const decoded = decoder() as unknown as Readable;
  incoming.once("error", (error) => decoded.destroy(error));
  incoming.pipe(decoded as unknown as NodeJS.WritableStream);
  return decoded;
}

/** Answers a body over its limit: a 413 that names the option to raise. */
export function tooLarge(limit: number, option: string): never {
  reject(
    413,
    `The request body is larger than this server accepts (${limit} bytes; the app's ${option} option).`,
  );
}

/**
 * Reads a decoded body whole, at most `limit` bytes (a 413 past it, the rest left unread); a
 * body that cannot be decoded or that the client cut is a 400.
 * @example const bytes = await readWhole(decodedBody(req, limit, "bodyLimits.body"), limit, "bodyLimits.body");
 */
export function readWhole(stream: Readable, limit: number, option: string): Promise<Buffer> {
  return new Promise((resolve, rejectPromise) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: unknown) => {
      cleanup();
      rejectPromise(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stream.pause();
        try {
          tooLarge(limit, option);
        } catch (error) {
          fail(error);
        }
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = () => {
      try {
        reject(400, "The request body could not be read: it was cut short or wrongly encoded.");
      } catch (error) {
        fail(error);
      }
    };
    const onAborted = () => onError();
    function cleanup() {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onError);
      stream.off("close", onClose);
    }
    // A stream closed before its end (the client went away) never ends: answer it as cut.
    const onClose = () => {
      if (!stream.readableEnded) onAborted();
    };
    stream.on("data", onData);
    stream.once("end", onEnd);
    stream.once("error", onError);
    stream.once("close", onClose);
  });
}
