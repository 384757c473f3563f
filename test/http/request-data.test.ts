import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { type Served, serve } from "../helpers/serve.js";

const form = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  body,
});
const json = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body,
});

describe.each(HOSTS)("request data: bodies, query and cookies ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "request-data", {
      modules: ["data"],
      options: { bodyLimits: { body: 2048, fileSize: 64, files: 2, fields: 20, jsonDepth: 8 } },
    });
  });
  afterAll(() => served.close());

  const echo = async (init: RequestInit, path = "/echo/") => {
    const response = await served.fetch(path, init);
    expect(response.status).toBe(200);
    return response.json();
  };

  it("gives a URL-encoded form as req.form, repeated names as arrays, as the query", async () => {
    const body = await echo(form("name=ada&tag=a&tag=b&empty="), "/echo/");
    expect(body.form).toEqual({ name: "ada", tag: ["a", "b"], empty: "" });
    expect(body.formPrototype).toBe(true);
    expect(body.json).toBeNull();
    const query = await echo({ method: "GET" }, "/echo/?tag=a&tag=b&q=x+y");
    expect(query.query).toEqual({ tag: ["a", "b"], q: "x y" });
  });

  it("gives a JSON body as req.json, application/*+json too", async () => {
    expect((await echo(json('{"a":[1,{"b":null}]}'))).json).toEqual({ a: [1, { b: null }] });
    const problem = await echo(json('{"x":1}', { "content-type": "application/problem+json" }));
    expect(problem.json).toEqual({ x: 1 });
    expect(problem.form).toEqual({});
  });

  it("gives an empty req.form, never undefined, to a POST without a body", async () => {
    const body = await echo({ method: "POST" });
    expect(body.form).toEqual({});
    expect(body.json).toBeNull();
    expect((await served.fetch("/title/", { method: "POST" })).status).toBe(200);
  });

  it("reads a multipart form: fields into req.form, files into req.files", async () => {
    const data = new FormData();
    data.append("name", "ada");
    data.append("tag", "a");
    data.append("tag", "b");
    data.append("upload", new Blob(["hello file"], { type: "text/plain" }), "hello.txt");
    const body = await echo({ method: "POST", body: data });
    expect(body.form).toEqual({ name: "ada", tag: ["a", "b"] });
    expect(body.files).toEqual({
      upload: { filename: "hello.txt", contentType: "text/plain", size: 10, text: "hello file" },
    });
  });

  it("decodes gzip, deflate and br bodies", async () => {
    const text = "name=compressed&n=1";
    for (const [encoding, bytes] of [
      ["gzip", gzipSync(text)],
      ["deflate", deflateSync(text)],
      ["br", brotliCompressSync(text)],
    ] as const) {
      const body = await echo({
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-encoding": encoding,
        },
        body: bytes,
      });
      expect(body.form, encoding).toEqual({ name: "compressed", n: "1" });
    }
  });

  it("answers 413 over a limit: the body, its decoded size, a file, the files, the fields", async () => {
    const big = `name=${"x".repeat(3000)}`;
    expect((await served.fetch("/echo/", form(big))).status).toBe(413);
    const bomb = gzipSync(`name=${"x".repeat(100_000)}`);
    expect(bomb.length).toBeLessThan(2048);
    const decoded = await served.fetch("/echo/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "content-encoding": "gzip" },
      body: bomb,
    });
    expect(decoded.status).toBe(413);
    const fileTooBig = new FormData();
    fileTooBig.append("upload", new Blob(["y".repeat(100)]), "big.bin");
    expect((await served.fetch("/echo/", { method: "POST", body: fileTooBig })).status).toBe(413);
    const tooManyFiles = new FormData();
    for (const index of [1, 2, 3]) tooManyFiles.append("f", new Blob(["z"]), `${index}.txt`);
    expect((await served.fetch("/echo/", { method: "POST", body: tooManyFiles })).status).toBe(413);
    const fields = Array.from({ length: 30 }, (_, index) => `f${index}=1`).join("&");
    const tooMany = await served.fetch("/echo/", form(fields));
    expect(tooMany.status).toBe(413);
    expect(await tooMany.text()).toContain("413 Payload Too Large");
  });

  it("answers 415 for an unsupported type, charset or Content-Encoding, or a body without a type", async () => {
    const cases: RequestInit[] = [
      { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" },
      form("a=1", { "content-type": "application/x-www-form-urlencoded; charset=utf-7" }),
      json("{}", { "content-encoding": "compress" }),
      { method: "POST", body: new Uint8Array([1, 2, 3]) },
    ];
    for (const init of cases) {
      const response = await served.fetch("/echo/", init);
      expect(response.status, JSON.stringify(init.headers)).toBe(415);
    }
    const charset = await served.fetch(
      "/echo/",
      json("{}", { "content-type": "application/json; charset=utf-7" }),
    );
    expect(await charset.json()).toEqual({
      error: "The charset 'utf-7' is not supported: send the body in UTF-8.",
      status: 415,
      problems: [],
    });
  });

  it("answers 400 for a malformed body: JSON, UTF-8, gzip, multipart", async () => {
    const malformed = await served.fetch("/echo/", json("{not json"));
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toBe("The request body is not valid JSON.");
    const latin1 = await served.fetch("/echo/", {
      ...form(""),
      body: new Uint8Array([0x6e, 0x3d, 0xff, 0xfe]),
    });
    expect(latin1.status).toBe(400);
    expect(await latin1.text()).toContain("not valid UTF-8");
    const badGzip = await served.fetch("/echo/", json("not gzip", { "content-encoding": "gzip" }));
    expect(badGzip.status).toBe(400);
    const badMultipart = await served.fetch("/echo/", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
      body: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
    });
    expect(badMultipart.status).toBe(400);
  });

  it("refuses hostile JSON (prototype keys, deep nesting) with a 400, and a view gets clean fields", async () => {
    for (const body of [
      '{"__proto__": {"admin": true}}',
      '{"a": {"constructor": {"prototype": {"admin": true}}}}',
      `${"[".repeat(20)}${"]".repeat(20)}`,
      `${"[".repeat(100_000)}${"]".repeat(100_000)}`.slice(0, 2000),
    ]) {
      const response = await served.fetch("/echo/", json(body));
      expect(response.status, body.slice(0, 40)).toBe(400);
    }
    const toStringTitle = await served.fetch("/title/", json('{"title": {"toString": 1}}'));
    expect(toStringTitle.status).toBe(200);
    expect(await toStringTitle.json()).toEqual({ title: null });
    const protoForm = await echo(form("__proto__=x&constructor=y&title=t"));
    expect(protoForm.form).toEqual({ ["__proto__"]: "x", constructor: "y", title: "t" });
    expect(protoForm.formPrototype).toBe(true);
  });

  it("gives req.cookies, and sets and deletes cookies from any returned response", async () => {
    const body = await echo({ headers: { cookie: "a=1; theme=dark%20mode; a=2" } });
    expect(body.cookies).toEqual({ a: "1", theme: "dark mode" });
    const set = await served.fetch("/cookie/set/");
    expect(set.status).toBe(303);
    expect(set.headers.getSetCookie()).toEqual([
      "theme=dark%20mode; Max-Age=3600; Path=/; HttpOnly; SameSite=Lax",
    ]);
    const deleted = await served.fetch("/cookie/delete/");
    expect(deleted.headers.getSetCookie()[0]).toMatch(
      /^theme=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970/,
    );
  });

  it("answers the same status whichever way the same JSON is posted to a form url", async () => {
    const response = await served.fetch("/zod/", json('{"title": "From JSON"}'));
    expect(response.status).toBe(400);
    expect((await response.json()).problems).toEqual([
      { location: "form", field: "title", message: expect.any(String) },
    ]);
  });
});

describe.each(HOSTS)("a refused body on a kept-alive connection ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "request-data", {
      modules: ["data"],
      options: { bodyLimits: { body: 16 } },
    });
  });
  afterAll(() => served.close());

  it("closes the connection after a 413 instead of reading the rest, and serves the next request", async () => {
    const big = "x".repeat(200_000);
    const refused = await served.raw("/echo/", {
      method: "POST",
      headers: {
        connection: "keep-alive",
        "content-type": "application/x-www-form-urlencoded",
        "content-length": String(big.length + 5),
      },
      body: `name=${big}`,
    });
    expect(refused.status).toBe(413);
    expect(refused.headers.connection).toBe("close");
    expect((await served.fetch("/echo/?after=1")).status).toBe(200);
  });
});
