import { reject } from "./rejection.js";

/** The body kinds the app reads itself. */
export type BodyKind = "form" | "json" | "multipart";

/** A request's media type, lower case, and its parameters. */
export interface MediaType {
  readonly kind: BodyKind;
  readonly boundary: string | undefined;
}

const CHARSETS_READ_AS_UTF8: ReadonlySet<string> = new Set(["utf-8", "utf8", "us-ascii"]);

/** `type/subtype` of a Content-Type header, and its `name=value` parameters, names lower case. */
function splitContentType(header: string): { type: string; params: Map<string, string> } {
  const [type = "", ...rest] = header.split(";");
  const params = new Map<string, string>();
  for (const part of rest) {
    const equals = part.indexOf("=");
    if (equals === -1) continue;
    const name = part.slice(0, equals).trim().toLowerCase();
    const value = part
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    params.set(name, value);
  }
  return { type: type.trim().toLowerCase(), params };
}

function kindOf(type: string): BodyKind | undefined {
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type === "multipart/form-data") return "multipart";
  if (type === "application/json" || /^application\/[^/]+\+json$/.test(type)) return "json";
  return undefined;
}

/**
 * What kind of body a `Content-Type` announces: a form, JSON (`application/json` or
 * `application/*+json`) or multipart; any other type, or a charset other than UTF-8 (or its
 * ASCII subset), is a 415 that says what to send instead.
 * @example mediaType("application/json; charset=utf-8"); // { kind: "json", boundary: undefined }
 */
export function mediaType(header: string | undefined): MediaType {
  if (header === undefined || header.trim() === "") {
    reject(
      415,
      "The request has a body but no Content-Type: send application/x-www-form-urlencoded, multipart/form-data or application/json.",
    );
  }
  const { type, params } = splitContentType(header);
  const kind = kindOf(type);
  if (kind === undefined) {
    reject(
      415,
      `The Content-Type '${type}' is not supported: send application/x-www-form-urlencoded, multipart/form-data or application/json.`,
    );
  }
  const charset = params.get("charset")?.toLowerCase();
  if (charset !== undefined && !CHARSETS_READ_AS_UTF8.has(charset)) {
    reject(415, `The charset '${charset}' is not supported: send the body in UTF-8.`);
  }
  const boundary = params.get("boundary");
  if (kind === "multipart" && !boundary) {
    reject(400, "The multipart/form-data body has no boundary parameter in its Content-Type.");
  }
  return { kind, boundary };
}
