import { afterEach, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { fixture, type Served, serve } from "../helpers/serve.js";

/** The weak ETag of "/string/"'s page with the `etag` option on (the default). */
const PAGE_TAG = 'W/"13-4b7e7c29bd1186d3"';

describe.each(HOSTS)("app options ($name)", (host) => {
  let served: Served | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  it("takes the root templates, static folder and static URL path from the options", async () => {
    served = await serve(host, "custom-folders", {
      modules: ["shop"],
      modulesPath: "plugins",
      options: { templateFolder: "views", staticFolder: "assets", staticUrlPath: "/files" },
    });
    expect((await (await served.fetch("/page/")).text()).trim()).toBe(
      "page from views/ (/files/x.txt)",
    );
    expect(await (await served.fetch("/files/x.txt")).text()).toBe("x from assets/\n");
    expect(await (await served.fetch("/files/s.txt")).text()).toBe("shop public file\n");
    expect((await served.fetch("/static/x.txt")).status).toBe(404);
  });

  it("takes a module's own folder names from its blueprint", async () => {
    served = await serve(host, "custom-folders", { modules: ["shop"], modulesPath: "plugins" });
    expect((await (await served.fetch("/shop/")).text()).trim()).toBe("shop page from pages/");
    expect(await (await served.fetch("/static_shop/s.txt")).text()).toBe("shop public file\n");
  });

  it("sends returned bodies without an ETag with etag: false, and no 304 for them", async () => {
    served = await serve(host, "views", { modules: ["returns"] });
    expect((await served.raw("/string/")).headers.etag).toBe(PAGE_TAG);
    await served.close();
    served = await serve(host, "views", { modules: ["returns"], options: { etag: false } });
    const page = await served.raw("/string/");
    expect(page.status).toBe(200);
    expect(page.headers.etag).toBeUndefined();
    const conditional = await served.raw("/string/", {
      headers: { "if-none-match": PAGE_TAG },
    });
    expect(conditional.status).toBe(200);
    expect(conditional.body).toBe("<p>plain string</p>");
  });

  it("keeps a tag the view sets, and its 304, with etag: false", async () => {
    served = await serve(host, "views", { modules: ["returns"], options: { etag: false } });
    const tagged = await served.raw("/tagged/");
    expect(tagged.headers.etag).toBe('"v1"');
    expect(tagged.body).toBe("tagged body");
    const again = await served.raw("/tagged/", { headers: { "if-none-match": '"v1"' } });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");
  });

  it("keeps static files' validators with etag: false", async () => {
    served = await serve(host, "custom-folders", {
      modules: ["shop"],
      modulesPath: "plugins",
      options: {
        etag: false,
        templateFolder: "views",
        staticFolder: "assets",
        staticUrlPath: "/files",
      },
    });
    const file = await served.raw("/files/x.txt");
    expect(file.body).toBe("x from assets/\n");
    expect(file.headers.etag).toMatch(/^W\/"/);
    const again = await served.raw("/files/x.txt", {
      headers: { "if-none-match": file.headers.etag as string },
    });
    expect(again.status).toBe(304);
  });

  it("resolves folders from rootPath when given", async () => {
    const app = host.create(fixture("seed"), { rootPath: `${fixture("custom-folders")}site` });
    await app.registerUrls(["shop"], "../plugins");
    const server = await app.listen(0, "127.0.0.1");
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      expect((await (await fetch(`${base}/page/`)).text()).trim()).toBe(
        "page from site/templates/",
      );
    } finally {
      await app.close();
    }
  });
});
