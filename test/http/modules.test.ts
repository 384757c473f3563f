import { join } from "node:path";
import {
  DuplicateEndpoint,
  DuplicateRoute,
  InvalidModule,
  InvalidModulePath,
  InvalidURLPattern,
  InvalidURLRule,
  ModuleNotFound,
} from "microservices-app";
import { afterEach, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { fixture, type Served, serve } from "../helpers/serve.js";

const root = fixture("loading");

describe.each(HOSTS)("modules ($name)", (host) => {
  let served: Served | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  describe("registerUrls", () => {
    it("enables modules from index.ts, index.js and index.mjs", async () => {
      served = await serve(host, "loading", { modules: ["good", "jsmodule", "mjsmodule"] });
      expect(await (await served.fetch("/good/")).text()).toBe("good");
      expect(await (await served.fetch("/js/")).text()).toBe("from index.js");
      expect(await (await served.fetch("/mjs/")).text()).toBe("from index.mjs");
      expect([...served.app.blueprints.keys()]).toEqual(["good", "jsmodule", "mjsmodule"]);
    });

    it("may be called more than once, with another modules folder", async () => {
      served = await serve(host, "loading", { modules: ["good"] });
      await served.app.registerUrls(["extra"], "other_modules");
      expect(await (await served.fetch("/good/")).text()).toBe("good");
      expect(await (await served.fetch("/extra/")).text()).toBe("extra");
    });

    it("applies a blueprint's urlPrefix and staticUrlPath", async () => {
      served = await serve(host, "loading", { modules: ["prefixed"] });
      expect(await (await served.fetch("/pre/page/")).text()).toBe("prefixed page");
      expect((await served.fetch("/page/")).status).toBe(404);
      expect(await (await served.fetch("/assets_prefixed/p.txt")).text()).toBe("prefixed static\n");
      expect(served.app.urlFor("prefixed.page")).toBe("/pre/page/");
      expect(served.app.urlFor("prefixed.static", { filename: "p.txt" })).toBe(
        "/assets_prefixed/p.txt",
      );
    });
  });

  describe("errors", () => {
    it("is an InvalidModulePath with the absolute folder expected when the modules folder is missing", async () => {
      const app = host.create(root);
      const error = await app.registerUrls(["good"], "nowhere").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidModulePath);
      expect((error as Error).message).toContain(join(root, "nowhere"));
    });

    it("is an InvalidModulePath when the modules path is a file", async () => {
      const app = host.create(root);
      await expect(app.registerUrls(["good"], "not_a_folder.txt")).rejects.toThrow(
        InvalidModulePath,
      );
    });

    it("is a ModuleNotFound naming the file tried and the modules that exist", async () => {
      const app = host.create(root);
      const error = await app.registerUrls(["forum"]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ModuleNotFound);
      const message = (error as Error).message;
      expect(message).toContain('Module "forum" not found: tried modules/forum/index.ts');
      expect(message).toContain("Modules that exist: badconverter, badpattern, broken");
      expect(message).not.toContain("notamodule");
    });

    it("is a ModuleNotFound for a folder without an index file", async () => {
      const app = host.create(root);
      await expect(app.registerUrls(["notamodule"])).rejects.toThrow(ModuleNotFound);
    });

    it.each([["../modules"], ["a/b"], ["a\\b"], [""], [".."], ["."], ["with.dot"]])(
      "refuses the module name %j with InvalidModule before importing anything",
      async (name) => {
        const app = host.create(root);
        const error = await app.registerUrls(["good", name]).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(InvalidModule);
        expect((error as Error).message).toContain("plain folder name");
        expect(app.blueprints.size).toBe(0);
      },
    );

    it("refuses a module listed twice, or enabled twice", async () => {
      const app = host.create(root);
      await expect(app.registerUrls(["good", "good"])).rejects.toThrow(/already enabled/);
      await app.registerUrls(["good"]);
      await expect(app.registerUrls(["good"])).rejects.toThrow(InvalidModule);
    });

    it("is an InvalidModule naming the module, its file and the error when its import throws", async () => {
      const app = host.create(root);
      const error = await app.registerUrls(["broken"]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidModule);
      const message = (error as Error).message;
      expect(message).toContain('"broken"');
      expect(message).toContain("modules/broken/index.ts");
      expect(message).toContain("the broken module failed while importing");
      expect((error as Error).cause).toBeInstanceOf(Error);
    });

    it("is an InvalidModule when the index exports no blueprint", async () => {
      const app = host.create(root);
      await expect(app.registerUrls(["noblueprint"])).rejects.toThrow(
        /exports no blueprint\. Add: export const blueprint = Router\.createBlueprint\("noblueprint", import\.meta\.url\);/,
      );
    });

    it("is an InvalidModule when the blueprint is not named after its folder", async () => {
      const app = host.create(root);
      await expect(app.registerUrls(["misnamed"])).rejects.toThrow(
        /its blueprint is named "another_name", but its folder is "misnamed"/,
      );
    });

    it("keeps the library's own error class for a module's bad urls, saying which module", async () => {
      const app = host.create(root);
      const duplicate = await app.registerUrls(["dupendpoint"]).catch((caught: unknown) => caught);
      expect(duplicate).toBeInstanceOf(DuplicateEndpoint);
      expect((duplicate as Error).message).toContain("'dupendpoint.same' is defined twice");
      expect((duplicate as Error).message).toContain('while importing module "dupendpoint"');
      await expect(app.registerUrls(["badpattern"])).rejects.toThrow(InvalidURLPattern);
    });

    it("is an InvalidURLRule naming the module for a converter that does not exist", async () => {
      const app = host.create(root);
      const error = await app.registerUrls(["badconverter"]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidURLRule);
      expect((error as Error).message).toContain('module "badconverter"');
      expect((error as Error).message).toContain("the converter 'nosuch'");
    });

    it("is a DuplicateRoute naming both endpoints when two modules route the same rule and method", async () => {
      const app = host.create(root);
      const error = await app
        .registerUrls(["clash_a", "clash_b"])
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DuplicateRoute);
      expect((error as Error).message).toContain("'clash_a.page'");
      expect((error as Error).message).toContain("'clash_b.page'");
    });
  });

  describe("all or nothing", () => {
    it("registers none of a call when one module fails, and serves exactly what it served before", async () => {
      served = await serve(host, "loading", { modules: ["other"] });
      await expect(served.app.registerUrls(["good", "broken"])).rejects.toThrow(InvalidModule);
      expect([...served.app.blueprints.keys()]).toEqual(["other"]);
      expect((await served.fetch("/good/")).status).toBe(404);
      expect(await (await served.fetch("/other/")).text()).toBe("other");
      await expect(served.app.registerUrls(["clash_a", "clash_b"])).rejects.toThrow(DuplicateRoute);
      expect((await served.fetch("/clash/1/")).status).toBe(404);
      await served.app.registerUrls(["good"]);
      expect(await (await served.fetch("/good/")).text()).toBe("good");
    });

    it("checks every name before importing any module", async () => {
      const app = host.create(root);
      // Had "broken" been imported first, its import error would surface instead.
      await expect(app.registerUrls(["broken", "../x"])).rejects.toThrow(/plain folder name/);
      await expect(app.registerUrls(["broken", "missing_one"])).rejects.toThrow(ModuleNotFound);
    });
  });
});
