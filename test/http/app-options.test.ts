import { afterEach, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { fixture, type Served, serve } from "../helpers/serve.js";

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
