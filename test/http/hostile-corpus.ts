import type { RawRequestOptions } from "../helpers/serve.js";

// Requests known to hurt web servers, as data: each is sent byte for byte to the "hostile"
// fixture (module "m", a root and a module static folder, and MARKER planted in files beside
// them). Statuses are what a client must see; a set only where the hosts legitimately differ.

/** In every file a request must never reach (app root, modules, templates, a dot-file). */
export const MARKER = "HOSTILE-MARKER-9c41e7";

export interface HostileCase {
  /** What the request tries, in a few words. */
  readonly name: string;
  /** The request target, sent as it is (ignored when `request.head` is given). */
  readonly target: string;
  readonly request?: RawRequestOptions;
  /** The status a client gets: exactly, or one of a set where the hosts differ (said why). */
  readonly status: number | readonly number[];
  /**
   * A known defect whose fix belongs in a file this suite may not change: the case asserts the
   * exact wrong answer given today (`answers`: its status, `NaN` for a connection closed without
   * one) and that no marker leaks, so that a fix or any other change turns it red, to be moved
   * back among the passing ones, and a leak is never taken for the known defect.
   */
  readonly defect?: { readonly why: string; readonly answers: number };
}

const range = (value: string): RawRequestOptions => ({ headers: { range: value } });
const method = (name: string): RawRequestOptions => ({ method: name });
const head = (text: string): RawRequestOptions => ({ head: text });
const header = (name: string, value: string): RawRequestOptions => ({
  headers: { [name]: value },
});

// Test/http/static.test.ts already refuses the plain encodings of ".." and "/" (%2e%2e, %2f,
// %252e, %5c, NUL, ..;/); these go further: overlong UTF-8, other targets, other prefixes.
const traversal: HostileCase[] = [
  { name: "overlong '.' (2 bytes)", target: "/static/%c0%ae%c0%ae/secret.txt", status: 400 },
  { name: "overlong '.' (3 bytes)", target: "/static/%e0%80%ae%e0%80%ae/secret.txt", status: 400 },
  { name: "overlong '/'", target: "/static/..%c0%afsecret.txt", status: 400 },
  { name: "overlong '/' (3 bytes)", target: "/static/..%e0%80%afsecret.txt", status: 400 },
  { name: "overlong '\\'", target: "/static/..%c1%9csecret.txt", status: 400 },
  { name: "IIS %u escapes", target: "/static/%u002e%u002e/secret.txt", status: 400 },
  { name: "fullwidth dots", target: "/static/%ef%bc%8e%ef%bc%8e/secret.txt", status: 404 },
  { name: "mixed-case escapes", target: "/static/%2E%2e%2Fsecret.txt", status: 404 },
  { name: "half-encoded dots", target: "/static/.%2e%2fsecret.txt", status: 404 },
  { name: "three dots", target: "/static/...%2fsecret.txt", status: 404 },
  { name: "dots and NUL", target: "/static/..%00/secret.txt", status: 404 },
  { name: "NUL before an extension", target: "/static/public.txt%00.html", status: 404 },
  { name: "double-encoded backslash", target: "/static/..%255csecret.txt", status: 404 },
  { name: "encoded dots, backslash", target: "/static/%2e%2e%5csecret.txt", status: 404 },
  { name: "raw backslash", target: "/static/..\\secret.txt", status: 404 },
  { name: "backslash inside", target: "/static/sub%5cinner.txt", status: 404 },
  { name: "to the templates", target: "/static/..%2ftemplates%2fsecret.html", status: 404 },
  { name: "to a module", target: "/static/..%2fmodules%2fm%2fsecret.txt", status: 404 },
  { name: "to the modules folder", target: "/static/..%2fmodules%2fsecret.txt", status: 404 },
  { name: "a dot-file", target: "/static/.secret", status: 404 },
  { name: "an encoded dot-file", target: "/static/%2esecret", status: 404 },
  { name: "a dot-file through ..", target: "/static/sub/..%2f.secret", status: 404 },
  { name: "4,000 parents", target: `/static/${"../".repeat(4000)}secret.txt`, status: 404 },
  { name: "a query that climbs", target: "/static/public.txt?../../secret.txt", status: 200 },
  { name: "a module: ..", target: "/static_m/%2e%2e%2f%2e%2e%2fsecret.txt", status: 404 },
  { name: "a module: templates", target: "/static_m/../../templates/secret.html", status: 404 },
  {
    name: "a module: encoded templates",
    target: "/static_m/..%2f..%2ftemplates%2fsecret.html",
    status: 404,
  },
  { name: "a module: overlong", target: "/static_m/%c0%ae%c0%ae/secret.txt", status: 400 },
  { name: "a module named ..", target: "/static_%2e%2e/secret.txt", status: 404 },
  { name: "a module name and ..", target: "/static_m%2f..%2fsecret.txt", status: 404 },
  { name: "a path param on the file", target: "/static_m/m.txt;.html", status: 404 },
  { name: "a trailing dot", target: "/static/public.txt.", status: 404 },
  { name: "a trailing slash", target: "/static/public.txt/", status: 404 },
  { name: "another case", target: "/static/PUBLIC.TXT", status: 404 },
  { name: "a drive letter", target: "/static/C:%5csecret.txt", status: 404 },
  { name: "a UNC path", target: "/static/%5c%5cserver%5cshare", status: 404 },
  { name: "a view: ..", target: "/m/../m/", status: 404 },
  { name: "a view: .", target: "/m/./", status: 404 },
];

const invalidEscapes: HostileCase[] = [
  { name: "%ff", target: "/static/%ff", status: 400 },
  { name: "%c3%28 (bad continuation)", target: "/static/%c3%28", status: 400 },
  { name: "%80 (lone continuation)", target: "/static/%80", status: 400 },
  { name: "a UTF-16 surrogate", target: "/static/%ed%a0%80", status: 400 },
  { name: "past U+10FFFF", target: "/static/%f4%90%80%80", status: 400 },
  { name: "5-byte form", target: "/static/%f8%88%80%80%80", status: 400 },
  { name: "overlong NUL", target: "/static/%c0%80", status: 400 },
  { name: "truncated sequence", target: "/static/%e2%82", status: 400 },
  { name: "a lone %", target: "/static/%", status: 400 },
  { name: "%g1", target: "/static/%g1", status: 400 },
  { name: "%2 at the end", target: "/static/a%2", status: 400 },
  { name: "in a view's path", target: "/m/%ff/", status: 400 },
  { name: "in a module's static path", target: "/static_m/%fe", status: 400 },
  { name: "in the query only", target: "/m/?q=%ff%", status: 200 },
];

const longPaths: HostileCase[] = [
  { name: "a 64 KiB path", target: `/static/${"a".repeat(65536)}`, status: 431 },
  { name: "10,000 segments (20 KB)", target: "/a".repeat(10000), status: 431 },
  { name: "5,000 segments", target: "/a".repeat(5000), status: 404 },
  { name: "8,000 slashes", target: "/".repeat(8000), status: 404 },
  { name: "a 15 KB segment", target: `/static/${"a".repeat(15000)}`, status: 404 },
  { name: "a 10,000-digit int", target: `/m/${"9".repeat(10000)}/`, status: 404 },
  { name: "the largest safe int, and more", target: "/m/9007199254740993/", status: 404 },
  { name: "an int in escapes", target: "/m/%31/", status: 200 },
  {
    name: "a 20 KB header",
    target: "/m/",
    request: header("cookie", "a".repeat(20000)),
    status: 431,
  },
  {
    name: "1,000 headers",
    target: "/m/",
    request: { headers: Array.from({ length: 1000 }, (_, index) => [`x-h${index}`, "v"] as const) },
    status: 200,
  },
];

const ranges: HostileCase[] = [
  { name: "a valid range", target: "/static/big.txt", request: range("bytes=0-1"), status: 206 },
  {
    name: "malformed: no numbers",
    target: "/static/big.txt",
    request: range("bytes=abc"),
    status: 200,
  },
  {
    name: "malformed: junk",
    target: "/static/big.txt",
    request: range("bytes=1abc-2"),
    status: 200,
  },
  {
    name: "malformed: empty item",
    target: "/static/big.txt",
    request: range("bytes=0-1,,5"),
    status: 200,
  },
  { name: "malformed: only =", target: "/static/big.txt", request: range("bytes="), status: 200 },
  { name: "another unit", target: "/static/big.txt", request: range("items=0-5"), status: 200 },
  { name: "empty", target: "/static/big.txt", request: range(""), status: 200 },
  { name: "reversed", target: "/static/big.txt", request: range("bytes=5-1"), status: 416 },
  { name: "a zero suffix", target: "/static/big.txt", request: range("bytes=-0"), status: 416 },
  {
    name: "past the end",
    target: "/static/big.txt",
    request: range("bytes=5000-6000"),
    status: 416,
  },
  {
    name: "an end past 2^64",
    target: "/static/big.txt",
    request: range("bytes=0-18446744073709551616"),
    status: 206,
  },
  {
    name: "400 distinct ranges",
    target: "/static/big.txt",
    request: range(`bytes=${Array.from({ length: 400 }, (_, i) => `${i * 2}-${i * 2}`).join(",")}`),
    status: 200,
  },
  {
    name: "3,000 overlapping ranges",
    target: "/static/big.txt",
    request: range(`bytes=${"1-2,".repeat(2999)}1-2`),
    status: 206,
  },
  {
    name: "5,000 ranges (past the header limit)",
    target: "/static/big.txt",
    request: range(`bytes=${"0-0,".repeat(4999)}0-0`),
    status: 431,
  },
  {
    name: "a stale If-Range",
    target: "/static/big.txt",
    request: { headers: { range: "bytes=0-1", "if-range": '"stale"' } },
    status: 200,
  },
  { name: "a range on a view", target: "/m/", request: range("bytes=0-1"), status: 200 },
];

// Node's parser refuses unknown methods and lowercase ones (400) before any app sees them;
// methods Node knows reach the matcher and are a 405 where no rule takes them.
const methods: HostileCase[] = [
  {
    name: "PROPFIND on a file",
    target: "/static/public.txt",
    request: method("PROPFIND"),
    status: 405,
  },
  { name: "TRACE", target: "/m/", request: method("TRACE"), status: 405 },
  { name: "PATCH on a file", target: "/static/public.txt", request: method("PATCH"), status: 405 },
  { name: "MKCOL", target: "/m/", request: method("MKCOL"), status: 405 },
  { name: "M-SEARCH", target: "/m/", request: method("M-SEARCH"), status: 405 },
  { name: "PURGE", target: "/m/", request: method("PURGE"), status: 405 },
  { name: "DELETE", target: "/m/", request: method("DELETE"), status: 405 },
  {
    name: "OPTIONS on a file",
    target: "/static/public.txt",
    request: method("OPTIONS"),
    status: 204,
  },
  { name: "HEAD on a file", target: "/static/public.txt", request: method("HEAD"), status: 200 },
  { name: "a made-up method", target: "/m/", request: method("FOOBAR"), status: 400 },
  { name: "lowercase get", target: "/m/", request: method("get"), status: 400 },
  { name: "a 100-letter method", target: "/m/", request: method("G".repeat(100)), status: 400 },
  { name: "HTTP/2's preface method", target: "*", request: method("PRI"), status: 400 },
  // Fastify refuses a QUERY without a Content-Type (RFC 10008) before the route is matched.
  { name: "QUERY", target: "/m/", request: method("QUERY"), status: [405, 400] },
  {
    name: "CONNECT to a path",
    target: "/m/",
    request: method("CONNECT"),
    status: 400,
  },
  {
    name: "CONNECT to an authority",
    target: "127.0.0.1:80",
    request: method("CONNECT"),
    status: 400,
  },
];

const requestLines: HostileCase[] = [
  { name: "a space in the path", target: "/m/ x", status: 400 },
  { name: "a tab in the path", target: "/m/\t", status: 400 },
  { name: "a raw NUL in the path", target: "/m/\0", status: 400 },
  { name: "a raw non-ASCII byte", target: "/static/\xe9", status: 400 },
  { name: "an encoded NUL segment", target: "/m/%00/", status: 404 },
  { name: "encoded CRLF and a header", target: "/%0d%0aset-cookie:x=1/", status: 404 },
  { name: "encoded CRLF in a redirect", target: "/m%0d%0aLocation:%20http://evil", status: 404 },
  { name: "a fragment", target: "/static/public.txt#x", status: 404 },
  { name: "absolute-form", target: "http://evil.example/static/public.txt", status: 200 },
  { name: "asterisk-form", target: "*", request: method("OPTIONS"), status: 400 },
  { name: "no leading slash", target: "m/", status: 400 },
  { name: "two leading slashes", target: "//evil.example/m", status: 404 },
  { name: "slash and backslash", target: "/\\evil.example/m", status: 404 },
  { name: "another case", target: "/M/", status: 404 },
  { name: "a strict-slash redirect", target: "/m", status: 308 },
  {
    name: "HTTP/1.0 without Host",
    target: "/m/",
    request: head("GET /m/ HTTP/1.0\r\n\r\n"),
    status: 200,
  },
  { name: "HTTP/1.2", target: "/m/", request: { version: "HTTP/1.2" }, status: 400 },
  { name: "HTTP/3.0", target: "/m/", request: { version: "HTTP/3.0" }, status: 400 },
  {
    name: "a bare LF head",
    target: "/m/",
    request: head("GET /m/ HTTP/1.1\nhost: x\n\n"),
    status: 400,
  },
  {
    name: "a bare CR head",
    target: "/m/",
    request: head("GET /m/ HTTP/1.1\rhost: x\r\r"),
    status: 400,
  },
  {
    name: "blank lines before the request",
    target: "/m/",
    request: head("\r\n\r\nGET /m/ HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"),
    status: 200,
  },
];

const headers: HostileCase[] = [
  {
    name: "no Host in HTTP/1.1",
    target: "/m/",
    request: head("GET /m/ HTTP/1.1\r\nconnection: close\r\n\r\n"),
    status: 400,
  },
  {
    name: "two Host headers",
    target: "/m/",
    request: {
      headers: [
        ["host", "a.example"],
        ["host", "b.example"],
      ],
    },
    // RFC 9112 §3.2: a request with two Host lines must be a 400 (Node keeps the first).
    status: 400,
  },
  { name: "a 10 KB Host", target: "/m/", request: header("host", "h".repeat(10000)), status: 200 },
  { name: "a 20 KB Host", target: "/m/", request: header("host", "h".repeat(20000)), status: 431 },
  { name: "an empty Host", target: "/m/", request: header("host", ""), status: 200 },
  {
    name: "Content-Length past 2^64",
    target: "/m/",
    request: header("content-length", "99999999999999999999"),
    status: 400,
  },
  {
    name: "a negative Content-Length",
    target: "/m/",
    request: header("content-length", "-1"),
    status: 400,
  },
  {
    name: "a word for Content-Length",
    target: "/m/",
    request: header("content-length", "abc"),
    status: 400,
  },
  {
    name: "two lengths in one",
    target: "/m/",
    request: header("content-length", "1 2"),
    status: 400,
  },
  {
    name: "two differing Content-Length",
    target: "/m/",
    request: {
      headers: [
        ["content-length", "1"],
        ["content-length", "2"],
      ],
      body: "ab",
    },
    status: 400,
  },
  {
    name: "a GET with a body",
    target: "/m/",
    request: { headers: { "content-length": "5" }, body: "hello" },
    status: 200,
  },
  {
    name: "a body announced, never sent",
    target: "/m/",
    request: header("content-length", "1000000"),
    status: 200,
  },
  {
    name: "chunked and Content-Length",
    target: "/m/",
    request: {
      headers: { "transfer-encoding": "chunked", "content-length": "3" },
      body: "0\r\n\r\n",
    },
    status: 400,
  },
  {
    name: "chunked, then identity",
    target: "/m/",
    request: { headers: { "transfer-encoding": "chunked, identity" }, body: "0\r\n\r\n" },
    status: 400,
  },
  // Node's parser refuses these once the headers are read: Express has not answered yet (400),
  // Fastify has (200), and the connection is closed; no second request is ever read from it.
  {
    name: "Transfer-Encoding: xchunked",
    target: "/m/",
    request: { headers: { "transfer-encoding": "xchunked" }, body: "0\r\n\r\n" },
    status: [400, 200],
  },
  {
    name: "Transfer-Encoding: gzip",
    target: "/m/",
    request: header("transfer-encoding", "gzip"),
    status: [400, 200],
  },
  {
    name: "a bad chunk size",
    target: "/m/",
    request: { headers: { "transfer-encoding": "chunked" }, body: "zz\r\nabc\r\n0\r\n\r\n" },
    status: [400, 200],
  },
  {
    name: "a space before the colon",
    target: "/m/",
    request: head("GET /m/ HTTP/1.1\r\nhost: x\r\ntransfer-encoding : chunked\r\n\r\n0\r\n\r\n"),
    status: 400,
  },
  {
    name: "an obs-fold line",
    target: "/m/",
    request: head("GET /m/ HTTP/1.1\r\nhost: x\r\nx-a: b\r\n c\r\n\r\n"),
    status: 400,
  },
  {
    name: "a line without a colon",
    target: "/m/",
    request: head("GET /m/ HTTP/1.1\r\nhost: x\r\nno colon\r\n\r\n"),
    status: 400,
  },
  {
    name: "a space in a header name",
    target: "/m/",
    request: head("GET /m/ HTTP/1.1\r\nhost: x\r\nx a: b\r\n\r\n"),
    status: 400,
  },
  { name: "a NUL in a header value", target: "/m/", request: header("x-a", "a\0b"), status: 400 },
  { name: "a DEL in a header value", target: "/m/", request: header("x-a", "\x7f"), status: 400 },
  {
    name: "Expect: 100-continue",
    target: "/m/",
    request: header("expect", "100-continue"),
    status: 200,
  },
  { name: "an unknown Expect", target: "/m/", request: header("expect", "teapot"), status: 417 },
  {
    name: "an Upgrade nobody serves",
    target: "/m/",
    request: { headers: { connection: "upgrade, close", upgrade: "websocket" } },
    status: 200,
  },
  {
    name: "If-None-Match: *",
    target: "/static/public.txt",
    request: header("if-none-match", "*"),
    status: 304,
  },
  {
    name: "a failing If-Match",
    target: "/static/public.txt",
    request: header("if-match", '"nope"'),
    status: 412,
  },
  {
    name: "a date that is no date",
    target: "/static/public.txt",
    request: header("if-modified-since", "soon"),
    status: 200,
  },
  {
    name: "a 5 KB Accept-Encoding",
    target: "/m/",
    request: header("accept-encoding", `gzip;q=${"1".repeat(5000)}`),
    status: 200,
  },
];

const reservedNames: HostileCase[] = [
  { name: "__proto__ as a file", target: "/static/__proto__", status: 404 },
  { name: "constructor as a file", target: "/static_m/constructor", status: 404 },
  { name: "hasOwnProperty inside a folder", target: "/static/sub/hasOwnProperty", status: 404 },
  { name: "__proto__ as a module", target: "/static___proto__/x", status: 404 },
  { name: "constructor as a module", target: "/static_constructor/x", status: 404 },
  { name: "__proto__ as a path", target: "/__proto__/", status: 404 },
  { name: "prototype in a view's path", target: "/m/prototype/", status: 404 },
];

/** The corpus by class, in the order SECURITY.md lists them. */
export const HOSTILE_CORPUS: Readonly<Record<string, readonly HostileCase[]>> = {
  "traversal in other encodings and to other targets": traversal,
  "invalid percent-escapes and UTF-8": invalidEscapes,
  "long paths, many segments, large heads": longPaths,
  "Range headers on a static file": ranges,
  "odd methods": methods,
  "odd request lines": requestLines,
  "odd headers (Host, Content-Length, Transfer-Encoding...)": headers,
  "names that are Object.prototype keys": reservedNames,
};

/**
 * Template names that climb out of the template folders, through a view that renders the name
 * a URL gives (`render("pages/<name>")`) or a template's own `include`, `extends`, `import`:
 * each is refused before any file is read. Escapes in a name are not decoded: `%2e%2e` is a
 * folder of that name, which no search path has.
 */
export const CLIMBING_TEMPLATES: readonly { target: string; name: string; why: string }[] = [
  ...(
    [
      ["/m/render/../secret.html", "pages/../secret.html"],
      ["/m/render/..%2fsecret.html", "pages/../secret.html"],
      ["/m/render/%2e%2e/secret.html", "pages/../secret.html"],
      ["/m/render/.%2e/secret.html", "pages/../secret.html"],
      ["/m/render/../../secret.txt", "pages/../../secret.txt"],
      ["/m/render/..%2f..%2fmodules%2fm%2fsecret.txt", "pages/../../modules/m/secret.txt"],
      ["/m/render/..%5csecret.html", "pages/..\\secret.html"],
      ["/m/render/page.html%00", "pages/page.html\0"],
      ["/m/render/C:%5csecret.html", "pages/C:\\secret.html"],
      ["/m/render/./page.html", "pages/./page.html"],
      ["/m/render/include-parent.html", "../secret.html"],
      ["/m/render/include-root.html", "../../secret.txt"],
      ["/m/render/include-absolute.html", "/etc/passwd"],
      ["/m/render/include-backslash.html", "..\\secret.html"],
      ["/m/render/include-dot.html", "./../secret.html"],
      ["/m/render/extends-parent.html", "../secret.html"],
      ["/m/render/import-parent.html", "../secret.html"],
      ["/m/render/from-parent.html", "../secret.html"],
    ] as const
  ).map(([target, name]) => ({ target, name, why: "may not climb out of the template folders" })),
  ...(
    [
      ["/m/render/%252e%252e/secret.html", "pages/%2e%2e/secret.html"],
      ["/m/render/include-encoded.html", "%2e%2e/secret.html"],
    ] as const
  ).map(([target, name]) => ({ target, name, why: "not found" })),
];
