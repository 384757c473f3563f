import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  DuplicateEndpoint,
  InvalidModule,
  InvalidURLName,
  InvalidURLPattern,
  include,
  Router,
  url,
} from "microservices-app";
import { afterAll, describe, expect, it } from "vitest";
import { endpointName } from "../../src/core/modules/blueprint.js";
import { thrown } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "blueprint-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function show() {
  return "show";
}
function other() {
  return "other";
}

const blueprint = (name = "home") => Router.createBlueprint(name, dir);

describe("Router.createBlueprint", () => {
  it('has name "home" and staticUrlPath "/static_home" (SPEC §10)', () => {
    const home = blueprint("home");
    expect(home.name).toBe("home");
    expect(home.staticUrlPath).toBe("/static_home");
  });

  it("has the default folders and no url prefix", () => {
    const home = blueprint("home");
    expect(home.rootPath).toBe(dir);
    expect(home.templateFolder).toBe("templates");
    expect(home.staticFolder).toBe("static");
    expect(home.urlPrefix).toBeUndefined();
    expect(home.urlpatterns).toEqual([]);
  });

  it("roots itself at the folder of an import.meta.url-style file URL", () => {
    expect(Router.createBlueprint("home", pathToFileURL(join(dir, "index.ts")).href).rootPath).toBe(
      dir,
    );
  });

  it("takes folder and URL options, trimming trailing slashes", () => {
    const admin = Router.createBlueprint("admin", dir, {
      templateFolder: "views",
      staticFolder: "assets",
      staticUrlPath: "/admin-static/",
      urlPrefix: "/admin/",
    });
    expect(admin).toMatchObject({
      templateFolder: "views",
      staticFolder: "assets",
      staticUrlPath: "/admin-static",
      urlPrefix: "/admin",
    });
  });

  it("is recognized by Router.isRouter, and a plain object is not", () => {
    expect(Router.isRouter(blueprint())).toBe(true);
    expect(Router.isRouter({ name: "home" })).toBe(false);
  });

  it.each([
    ["a dotted name", "a.b"],
    ["a name with a slash", "a/b"],
    ["an empty name", ""],
    ["a name that climbs", ".."],
  ])("refuses %s with InvalidModule", (_, name) => {
    const call = () => Router.createBlueprint(name, dir);
    expect(call).toThrow(InvalidModule);
    expect(call).toThrow(
      "a blueprint name must be the module's folder name: letters, digits, '_' and '-' only (no dots or slashes).",
    );
  });

  it.each([
    ["staticUrlPath", { staticUrlPath: "static" }],
    ["urlPrefix", { urlPrefix: "admin" }],
  ])('refuses a %s without a leading "/"', (option, options) => {
    expect(() => Router.createBlueprint("admin", dir, options)).toThrow(
      `the ${option} option must start with "/"`,
    );
  });
});

describe("blueprint.registerUrls", () => {
  it("names each url by its name, else by its view function's name, in order", () => {
    const home = blueprint().registerUrls([url("/", show, "index"), url("/other/", other)]);
    expect(home.urlpatterns.map((entry) => entry.name)).toEqual(["index", "other"]);
  });

  it("adds to the urls of an earlier call", () => {
    const home = blueprint().registerUrls([url("/", show, "index")]);
    home.registerUrls([url("/other/", other)]);
    expect(home.urlpatterns.map((entry) => entry.name)).toEqual(["index", "other"]);
  });

  describe("rejects an entry that is not a url(...) with InvalidURLPattern (SPEC §10)", () => {
    it.each([
      ["a plain object", { rule: "/", view: show }, '{"rule":"/"}'],
      ["a copy of a url(...)", { ...url("/", show, "x") }, '{"rule":"/"'],
      ["a rule string", "/", '"/"'],
      ["null", null, "null"],
      ["undefined", undefined, "undefined"],
    ])("%s", (_, entry, shown) => {
      const urlpatterns = [url("/ok/", show), entry] as unknown as Parameters<
        Router["registerUrls"]
      >[0];
      const call = () => blueprint().registerUrls(urlpatterns);
      expect(call).toThrow(InvalidURLPattern);
      expect(call).toThrow(
        `Entry 1 of the urlpatterns of module "home" is not a url(...) pattern: got ${shown}`,
      );
      expect(thrown(call)).toMatchObject({ owner: 'module "home"', index: 1 });
    });

    it("a urlpatterns that is not an array", () => {
      const call = () =>
        blueprint().registerUrls(
          url("/", show) as unknown as Parameters<Router["registerUrls"]>[0],
        );
      expect(call).toThrow(InvalidURLPattern);
      expect(call).toThrow(
        'The urlpatterns of module "home" must be an array of url(...) patterns',
      );
    });
  });

  it('refuses a second url with the same name as DuplicateEndpoint naming "<module>.<name>"', () => {
    const call = () =>
      blueprint("home").registerUrls([url("/a/", show, "x"), url("/b/", other, "x")]);
    expect(call).toThrow(DuplicateEndpoint);
    expect(call).toThrow(
      `Endpoint 'home.x' is defined twice: by "/a/" and by "/b/". Give one of them another name: url(rule, view, "another_name").`,
    );
    expect(thrown(call)).toMatchObject({ endpoint: "home.x", rules: ["/a/", "/b/"] });
  });

  it("lets two urls of the same view share its endpoint (Flask's stacked routes)", () => {
    const home = blueprint("home").registerUrls([url("/a/", show), url("/b/", show)]);
    expect(home.urlpatterns.map((entry) => entry.name)).toEqual(["show", "show"]);
  });

  it("refuses one name for two views as DuplicateEndpoint", () => {
    expect(() =>
      blueprint("home").registerUrls([url("/a/", show, "x"), url("/b/", other, "x")]),
    ).toThrow("Endpoint 'home.x' is defined twice");
  });

  it("refuses a duplicate name across two calls, keeping the urls of the first", () => {
    const home = blueprint("home").registerUrls([url("/a/", show, "x")]);
    expect(() => home.registerUrls([url("/b/", other, "x")])).toThrow(DuplicateEndpoint);
    expect(home.urlpatterns.map((entry) => entry.pattern.rule)).toEqual(["/a/"]);
  });

  it("refuses an anonymous view without a name as InvalidURLName", () => {
    const call = () => blueprint().registerUrls([url("/", () => "hi")]);
    expect(call).toThrow(InvalidURLName);
    expect(call).toThrow(
      `The name of url("/") is invalid: the view is anonymous, so the url needs a name: url("/", view, "name").`,
    );
  });

  it('refuses a url named "static" (the static files endpoint)', () => {
    const call = () => blueprint().registerUrls([url("/s/", show, "static")]);
    expect(call).toThrow(InvalidURLName);
    expect(call).toThrow("'static' is the endpoint of the static files; choose another name.");
  });

  it('refuses a view named "static" given without a name', () => {
    const views = { static: () => "files" };
    expect(() => blueprint().registerUrls([url("/s/", views.static)])).toThrow(InvalidURLName);
  });
});

describe("endpointName", () => {
  it("is the url's name when it has one", () => {
    expect(endpointName(url("/", show, "index"))).toBe("index");
  });

  it("is the view function's name otherwise", () => {
    expect(endpointName(url("/", show))).toBe("show");
  });

  it("drops the 'bound ' prefix of a bound function", () => {
    expect(endpointName(url("/", show.bind(null)))).toBe("show");
  });
});

describe("include() in a blueprint's urlpatterns", () => {
  it("flattens nested includes: prefixed rules, namespaced names, kept across registerUrls calls", () => {
    const home = blueprint();
    home.registerUrls([
      include(
        "/api",
        [url("/a/", show, "a"), include("/v2", [url("/b/", other)], { namespace: "v2" })],
        {
          namespace: "api",
        },
      ),
    ]);
    home.registerUrls([url("/c/", show, "c")]);
    expect(home.urlpatterns.map(({ name, pattern }) => [name, pattern.rule])).toEqual([
      ["api.a", "/api/a/"],
      ["api.v2.other", "/api/v2/b/"],
      ["c", "/c/"],
    ]);
  });

  it("keeps each url's options under a prefix: defaults, redirectTo, subdomain, methods", () => {
    const home = blueprint();
    home.registerUrls([
      include("/api", [
        url("/users/", show, { name: "users", defaults: { page: 1 }, subdomain: "api" }),
        url("/old/", { name: "old", redirectTo: "/api/users/" }),
        url("/form/", other, { name: "form", methods: ["POST"] }),
      ]),
    ]);
    const [users, old, form] = home.urlpatterns.map(({ pattern }) => pattern);
    expect(users).toMatchObject({ rule: "/api/users/", defaults: { page: 1 }, subdomain: "api" });
    expect(old).toMatchObject({ rule: "/api/old/", view: undefined, redirectTo: "/api/users/" });
    expect(form).toMatchObject({ rule: "/api/form/", methods: ["POST"] });
  });

  it("refuses an include whose entries are not url(...) patterns, saying where", () => {
    const error = thrown(() =>
      blueprint().registerUrls([include("/api", [{ rule: "/x/" } as never])]),
    );
    expect(error).toBeInstanceOf(InvalidURLPattern);
    expect((error as Error).message).toContain(
      'Entry 0 of the urlpatterns of include("/api") of module "home"',
    );
  });
});

describe("hooks on a blueprint", () => {
  it("refuses what is not a function, an error status outside 400-599, and middleware that is not one", () => {
    expect(() => blueprint().beforeRequest("guard" as never)).toThrow(
      "beforeRequest() takes a function, got string",
    );
    expect(() => blueprint().errorHandler(200, () => "ok")).toThrow(RangeError);
    expect(() => blueprint().use()).toThrow(
      /use\(\) on module "home" takes one or more middleware functions/,
    );
  });
});
