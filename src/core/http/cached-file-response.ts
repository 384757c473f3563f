import type { IncomingHttpHeaders } from "node:http";
import fresh from "fresh";
import parseRange from "range-parser";
import type { CachedFile } from "../lookup/static-memory.js";
import type { ResponseSpec } from "./responses.js";

/** A static file's refusal, as the static senders make it: a client error with its headers. */
export class StaticFileRefusal extends Error {
  readonly statusCode: number;
  readonly expose = true;

  constructor(
    readonly status: 412 | 416,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(status === 412 ? "Precondition Failed" : "Range Not Satisfiable");
    this.name = status === 412 ? "PreconditionFailedError" : "RangeNotSatisfiableError";
    this.statusCode = status;
  }
}

/** An HTTP date in milliseconds, or NaN. */
const httpDate = (value: string | undefined): number =>
  value === undefined ? Number.NaN : Date.parse(value);

/** `If-Match` or `If-Unmodified-Since` that the file does not meet (RFC 9110 §13.1.1, 13.1.4). */
function preconditionFails(headers: IncomingHttpHeaders, file: CachedFile): boolean {
  const match = headers["if-match"];
  if (match) {
    if (match === "*") return false;
    return match
      .split(",")
      .map((token) => token.trim())
      .every((tag) => tag !== file.etag && tag !== `W/${file.etag}` && `W/${tag}` !== file.etag);
  }
  const since = httpDate(headers["if-unmodified-since"]);
  if (Number.isNaN(since)) return false;
  const modified = httpDate(file.lastModified);
  return Number.isNaN(modified) || modified > since;
}

/** Whether an `If-Range` (an ETag or a date) still names this file: else the range is ignored. */
function rangeStillFresh(ifRange: string | undefined, file: CachedFile): boolean {
  if (!ifRange) return true;
  if (ifRange.includes('"')) return ifRange.includes(file.etag);
  return httpDate(file.lastModified) <= httpDate(ifRange);
}

/**
 * The answer to a GET or HEAD of a file held in memory, exactly as the static senders (`send`
 * on Express, `@fastify/send` on Fastify) answer it from the disk: their headers, a 304 when
 * the client's copy is fresh, a 412 for a failed `If-Match`/`If-Unmodified-Since`, one
 * satisfiable range as a 206 (several, or a stale `If-Range`, as the whole file), and a 416
 * with `Content-Range: bytes *\/size` for an unsatisfiable one. Each host writes the spec as
 * any other (it sets `Content-Length`, and leaves the body out of a HEAD); a refusal is a
 * `StaticFileRefusal` for the error page.
 * @example const answer = cachedFileResponse(file, "text/css; charset=utf-8", req.headers);
 */
export function cachedFileResponse(
  file: CachedFile,
  contentType: string,
  headers: IncomingHttpHeaders,
): ResponseSpec | StaticFileRefusal {
  const validators: [string, string][] = [
    ["Accept-Ranges", "bytes"],
    ["Cache-Control", "public, max-age=0"],
    ["Last-Modified", file.lastModified],
    ["ETag", file.etag],
  ];
  const conditional =
    headers["if-match"] !== undefined ||
    headers["if-unmodified-since"] !== undefined ||
    headers["if-none-match"] !== undefined ||
    headers["if-modified-since"] !== undefined;
  if (conditional) {
    if (preconditionFails(headers, file)) return new StaticFileRefusal(412);
    if (fresh(headers, { etag: file.etag, "last-modified": file.lastModified })) {
      return { status: 304, headers: validators, body: null };
    }
  }
  validators.push(["Content-Type", contentType]);
  const { bytes } = file;
  const range = headers.range;
  if (range !== undefined && /^ *bytes=/.test(range)) {
    const ifRange = headers["if-range"];
    const ranges = rangeStillFresh(typeof ifRange === "string" ? ifRange : undefined, file)
      ? parseRange(bytes.length, range, { combine: true })
      : -2;
    if (ranges === -1) {
      return new StaticFileRefusal(416, { "Content-Range": `bytes */${bytes.length}` });
    }
    const [only] = ranges === -2 || ranges.length !== 1 ? [] : ranges;
    if (only) {
      validators.push(["Content-Range", `bytes ${only.start}-${only.end}/${bytes.length}`]);
      return { status: 206, headers: validators, body: bytes.subarray(only.start, only.end + 1) };
    }
  }
  return { status: 200, headers: validators, body: bytes };
}
