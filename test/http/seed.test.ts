import { InvalidModulePath, ModuleNotFound } from "microservices-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { urlpatterns as appUrls } from "../fixtures/seed/app-urls.js";
import { HOSTS } from "../helpers/hosts.js";
import { fixture, type Served, serve } from "../helpers/serve.js";

// SPEC §10: the seed package's own test suite, restated; every item holds on every host.
describe.each(HOSTS)("the seed's tests ($name)", (host) => {
  describe("module registration", () => {
    it("registering home creates a blueprint named home", async () => {
      const app = host.create(fixture("seed"));
      await app.registerUrls(["home"]);
      expect(app.blueprints.get("home")?.name).toBe("home");
    });

    it("fails for a module that does not exist, and creates no blueprint for it", async () => {
      const app = host.create(fixture("seed"));
      await expect(app.registerUrls(["nonexistent"])).rejects.toThrow(ModuleNotFound);
      expect(app.blueprints.size).toBe(0);
    });

    it("fails with InvalidModulePath for a modules path that does not exist, registering nothing", async () => {
      const app = host.create(fixture("seed"));
      await expect(app.registerUrls(["home"], "nonexistent_path")).rejects.toThrow(
        InvalidModulePath,
      );
      expect(app.blueprints.size).toBe(0);
    });
  });

  describe("over HTTP", () => {
    let served: Served;
    beforeAll(async () => {
      served = await serve(host, "seed", { modules: ["home"], appUrls });
    });
    afterAll(() => served.close());

    it("serves the root's a.txt (root only)", async () => {
      const response = await served.fetch("/static/a.txt");
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("root a\n");
    });

    it("serves the module's b.txt (module only)", async () => {
      const response = await served.fetch("/static/b.txt");
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("home b\n");
    });

    it("serves the module's c.txt over the root's", async () => {
      expect(await (await served.fetch("/static/c.txt")).text()).toBe("home c\n");
    });

    it("answers /static/notexists.txt with a 404", async () => {
      expect((await served.fetch("/static/notexists.txt")).status).toBe(404);
    });

    it("renders the module's help.html for a module route", async () => {
      const response = await served.fetch("/help/");
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("Help (home module template)");
    });

    it("renders the root's about.html for a root route", async () => {
      const response = await served.fetch("/about/");
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("About (root template)");
    });

    it("prefers the module's home.html over the root's", async () => {
      const body = await (await served.fetch("/")).text();
      expect(body).toContain("Home (home module template)");
      expect(body).not.toContain("root template");
    });

    it("answers an unknown path with a 404", async () => {
      expect((await served.fetch("/definitely/not/here/")).status).toBe(404);
    });
  });
});
