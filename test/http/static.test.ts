import { rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { fixture, type Served, scratchCopy, serve } from "../helpers/serve.js";

/** Requests that try to reach a file outside the static folders, or a dot-file. */
const TRAVERSALS = [
  "/static/../secret.txt",
  "/static/..%2fsecret.txt",
  "/static/..%2Fsecret.txt",
  "/static/%2e%2e/secret.txt",
  "/static/%2e%2e%2fsecret.txt",
  "/static/%252e%252e%252fsecret.txt",
  "/static/..%252fsecret.txt",
  "/static/..\\secret.txt",
  "/static/..%5csecret.txt",
  "/static/..%5Csecret.txt",
  "/static/sub/../../secret.txt",
  "/static/sub/%2e%2e/%2e%2e/secret.txt",
  "/static/..%2fmodules%2fm1%2fsecret.txt",
  "/static/..%2fmodules/m1/index.ts",
  "/static/%00a.txt",
  "/static/a.txt%00",
  "/static/a.txt%00.png",
  "/static//etc/passwd",
  "/static/%2fetc%2fpasswd",
  "/static/%2Fetc/passwd",
  "/static/C:%5cWindows%5cwin.ini",
  "/static/./a.txt",
  "/static/sub//dir/deep.txt",
  "/static/.env",
  "/static/%2eenv",
  "/static/.hidden/inside.txt",
  "/static/sub/.%2e/.%2e/secret.txt",
  "/static_m1/../secret.txt",
  "/static_m1/..%2fsecret.txt",
  "/static_m1/..%2f..%2fsecret.txt",
  "/static_m1/%2e%2e/index.ts",
  "/static_m1/..\\secret.txt",
  "/static_m1/%5c..%5csecret.txt",
  "/static_m1/%00m1.txt",
  "/static_m1/.%2e/secret.txt",
  "/static_m1/..;/secret.txt",
];

// Every case runs with debug off and on: debug mode looks at the disk on each request, and
// must refuse exactly what production's index refuses.
const MODES = HOSTS.flatMap((host) =>
  [false, true].map((debug) => ({
    host,
    debug,
    name: `${host.name}, debug ${debug ? "on" : "off"}`,
  })),
);

describe.each(MODES)("static files ($name)", ({ host, debug }) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "static", { modules: ["m1", "m2"], options: { debug } });
  });
  afterAll(() => served.close());

  describe("/static/ across modules then root", () => {
    it("serves the first enabled module's file over later modules' and the root's", async () => {
      expect(await (await served.fetch("/static/a.txt")).text()).toBe("m1 a\n");
    });

    it("serves a file only one module has, and a file only the root has", async () => {
      expect(await (await served.fetch("/static/m2.txt")).text()).toBe("m2 file\n");
      expect(await (await served.fetch("/static/sub/dir/deep.txt")).text()).toBe("deep file\n");
    });

    it("serves names with spaces and percent signs", async () => {
      expect(await (await served.fetch("/static/space%20name.txt")).text()).toBe("space\n");
      expect(await (await served.fetch("/static/100%25.txt")).text()).toBe("percent\n");
      expect(served.app.urlFor("static", { filename: "100%.txt" })).toBe("/static/100%25.txt");
    });

    it("is a 404 for a file no folder has", async () => {
      expect((await served.fetch("/static/notexists.txt")).status).toBe(404);
      expect((await served.fetch("/static/sub/dir")).status).toBe(404);
      expect((await served.fetch("/static/")).status).toBe(404);
    });
  });

  describe("/static_<module>/", () => {
    it("serves only that module's folder", async () => {
      expect(await (await served.fetch("/static_m1/a.txt")).text()).toBe("m1 a\n");
      expect(await (await served.fetch("/static_m2/a.txt")).text()).toBe("m2 a\n");
      expect((await served.fetch("/static_m1/m2.txt")).status).toBe(404);
      expect((await served.fetch("/static_m1/style.css")).status).toBe(404);
    });

    it("is what urlFor('<module>.static') builds", () => {
      expect(served.app.urlFor("m2.static", { filename: "m2.txt" })).toBe("/static_m2/m2.txt");
    });
  });

  describe("HTTP caching and ranges (the static sender's)", () => {
    it("sends a content type, ETag, Last-Modified and Content-Length", async () => {
      const response = await served.fetch("/static/style.css");
      expect(response.headers.get("content-type")).toBe("text/css; charset=utf-8");
      const { mtime, size } = statSync(join(fixture("static"), "static", "style.css"));
      // The static sender's ETag: W/"<size in hex>-<mtime in ms, in hex>".
      expect(response.headers.get("etag")).toBe(
        `W/"${size.toString(16)}-${mtime.getTime().toString(16)}"`,
      );
      expect(response.headers.get("last-modified")).toBe(mtime.toUTCString());
      expect(response.headers.get("content-length")).toBe("21");
    });

    it("answers a conditional GET with a 304", async () => {
      // A raw request: fetch adds "cache-control: no-cache" to conditional requests.
      const etag = (await served.fetch("/static/style.css")).headers.get("etag") as string;
      const response = await served.raw("/static/style.css", {
        headers: { "if-none-match": etag },
      });
      expect(response.status).toBe(304);
      expect(response.body).toBe("");
    });

    it("answers a Range request with a 206 and Content-Range", async () => {
      const response = await served.fetch("/static/big.txt", { headers: { range: "bytes=10-19" } });
      expect(response.status).toBe(206);
      expect(response.headers.get("content-range")).toBe("bytes 10-19/1000");
      expect(await response.text()).toBe("0123456789");
    });

    it("answers an unsatisfiable Range with the 416 page, without the file's validators", async () => {
      const response = await served.fetch("/static/big.txt", {
        headers: { range: "bytes=5000-6000" },
      });
      expect(response.status).toBe(416);
      expect(response.headers.get("content-range")).toBe("bytes */1000");
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("last-modified")).toBeNull();
      expect(await response.text()).toContain("416 Range Not Satisfiable");
    });

    it("answers HEAD with the GET's headers", async () => {
      const get = await served.raw("/static/style.css");
      const response = await served.raw("/static/style.css", { method: "HEAD" });
      expect(response.status).toBe(200);
      expect(response.headers["content-length"]).toBe("21");
      expect(response.headers["content-type"]).toBe("text/css; charset=utf-8");
      expect(response.headers.etag).toBe(get.headers.etag);
      expect(response.headers["last-modified"]).toBe(get.headers["last-modified"]);
    });

    it("is a 405 for other methods, with Allow", async () => {
      const response = await served.fetch("/static/a.txt", { method: "POST" });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    });
  });

  describe("nothing outside the static folders", () => {
    it.each(TRAVERSALS)("refuses %s", async (path) => {
      const response = await served.raw(path);
      // "//" is merged (mergeSlashes): a 308 to the path inside the static folder, no further.
      expect([400, 404, 308]).toContain(response.status);
      if (response.status === 308)
        expect(response.headers.location).toBe(path.replace(/\/{2,}/g, "/"));
      expect(response.body).not.toContain("SECRET");
      expect(response.body).not.toContain("Router.createBlueprint");
      expect(response.body).not.toContain(fixture("static"));
    });

    it("still serves after every attempt", async () => {
      expect((await served.fetch("/static/a.txt")).status).toBe(200);
    });
  });
});

describe.each(HOSTS)("the static index ($name)", (host) => {
  let folder: string;
  beforeAll(() => {
    folder = scratchCopy("static");
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const start = async (debug: boolean) => {
    const app = host.create(folder, { debug });
    await app.registerUrls(["m1", "m2"]);
    const server = await app.listen(0, "127.0.0.1");
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    return { app, get: (path: string) => fetch(base + path) };
  };

  it("answers from the index built at registration, not from the disk (production)", async () => {
    const { app, get } = await start(false);
    try {
      writeFileSync(join(folder, "static", "added-later.txt"), "later\n");
      expect((await get("/static/added-later.txt")).status).toBe(404);
    } finally {
      await app.close();
      unlinkSync(join(folder, "static", "added-later.txt"));
    }
  });

  it("looks at the disk on every request with debug on", async () => {
    const { app, get } = await start(true);
    try {
      writeFileSync(join(folder, "modules", "m2", "static", "fresh.txt"), "fresh\n");
      expect(await (await get("/static/fresh.txt")).text()).toBe("fresh\n");
      writeFileSync(join(folder, "modules", "m1", "static", "fresh.txt"), "m1 fresh\n");
      expect(await (await get("/static/fresh.txt")).text()).toBe("m1 fresh\n");
    } finally {
      await app.close();
    }
  });

  it.each([false, true])(
    "follows a link to a file but not a link to a folder, as the index does (debug %s)",
    async (debug) => {
      const linkedFolder = join(folder, "static", "linked");
      const linkedFile = join(folder, "static", "linked.txt");
      symlinkSync(join(folder, "modules", "m1"), linkedFolder, "dir");
      symlinkSync(join(folder, "static", "a.txt"), linkedFile);
      const { app, get } = await start(debug);
      try {
        expect(await (await get("/static/linked.txt")).text()).toBe("root a\n");
        expect((await get("/static/linked/secret.txt")).status).toBe(404);
        expect((await get("/static/linked/static/a.txt")).status).toBe(404);
      } finally {
        await app.close();
        unlinkSync(linkedFolder);
        unlinkSync(linkedFile);
      }
    },
  );

  it("is a 404, not a 500, for an indexed file deleted since", async () => {
    writeFileSync(join(folder, "static", "doomed.txt"), "doomed\n");
    const { app, get } = await start(false);
    try {
      unlinkSync(join(folder, "static", "doomed.txt"));
      expect((await get("/static/doomed.txt")).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
