import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  BuildError,
  DuplicateRoute,
  MicroServicesApp,
  type MicroServicesOptions,
  url,
} from "microservices-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { internalsOf } from "../../src/core/internals.js";
import { anchorText, resolveEndpoint, suggestEndpoint } from "../../src/core/routing/reverse.js";
import { thrown } from "./support.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function show() {
  return "ok";
}

const urlpatterns = [
  url("/", show, "index"),
  url("/forum/<int:thread_id>/", show, "thread"),
  url("/tag/<name>", show, "tag"),
  url("/wiki/<path:page>", show, "wiki"),
  url("/price/<float:amount>", show, "price"),
  url("/item/<uuid:id>", show, "item"),
  url("/kind/<any(a, b, 'c d'):kind>", show, "kind"),
  url("/post/<slug:slug>/", show, "post"),
  url("/café/<int(fixed_digits=4):year>/", show, "cafe"),
  url("/delta/<int(signed=True):n>", show, "delta"),
  url("/form/", show, { name: "form", methods: ["POST"] }),
  url("/about us/<int:n>", show, "spaced"),
];

/** An app rooted in a fresh temporary folder, with `urlpatterns` at app level. */
function createApp(options: MicroServicesOptions = {}): MicroServicesApp {
  const dir = mkdtempSync(join(tmpdir(), "reverse-test-"));
  dirs.push(dir);
  const app = new MicroServicesApp(dir, options);
  app.addUrls(urlpatterns);
  return app;
}

describe("app.urlFor", () => {
  const app = createApp();

  describe("rule variables", () => {
    it.each([
      ["index", {}, "/"],
      ["thread", { thread_id: 42 }, "/forum/42/"],
      ["tag", { name: "a b" }, "/tag/a%20b"],
      ["tag", { name: "50%&?#" }, "/tag/50%25&%3F%23"],
      ["tag", { name: "é" }, "/tag/%C3%A9"],
      ["wiki", { page: "docs/a b/index" }, "/wiki/docs/a%20b/index"],
      ["price", { amount: 2 }, "/price/2.0"],
      [
        "item",
        { id: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11" },
        "/item/a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
      ],
      ["kind", { kind: "c d" }, "/kind/c%20d"],
      ["post", { slug: "hello-world" }, "/post/hello-world/"],
      ["cafe", { year: 7 }, "/caf%C3%A9/0007/"],
      ["delta", { n: -3 }, "/delta/-3"],
      ["spaced", { n: 1 }, "/about%20us/1"],
    ])("builds %s with %j as %s", (endpoint, params, built) => {
      expect(app.urlFor(endpoint, params)).toBe(built);
    });
  });

  describe("the query string and fragment", () => {
    it("puts params that are not rule variables in the query string", () => {
      expect(app.urlFor("thread", { thread_id: 3, page: 2, sort: "new first" })).toBe(
        "/forum/3/?page=2&sort=new%20first",
      );
    });

    it("repeats the key of an array", () => {
      expect(app.urlFor("index", { tag: ["a", "b&c"] })).toBe("/?tag=a&tag=b%26c");
    });

    it("skips null and undefined params", () => {
      expect(app.urlFor("index", { a: null, b: undefined, c: 0, d: [null, "x"] })).toBe(
        "/?c=0&d=x",
      );
    });

    it("writes a Date in ISO form", () => {
      expect(app.urlFor("index", { since: new Date("2024-01-02T03:04:05Z") })).toBe(
        "/?since=2024-01-02T03%3A04%3A05.000Z",
      );
    });

    it("encodes query keys", () => {
      expect(app.urlFor("index", { "a b": 1 })).toBe("/?a%20b=1");
    });

    it("adds a fragment for _anchor", () => {
      expect(app.urlFor("thread", { thread_id: 3, page: 2, _anchor: "reply" })).toBe(
        "/forum/3/?page=2#reply",
      );
      expect(app.urlFor("index", { _anchor: "a b#c" })).toBe("/#a%20b%23c");
    });

    it("keeps _anchor, _external, _scheme and _method out of the query string", () => {
      expect(app.urlFor("index", { _method: "GET", _anchor: "top", _external: false })).toBe(
        "/#top",
      );
    });
  });

  describe("static files", () => {
    it('builds "static" as /static/<filename>', () => {
      expect(app.urlFor("static", { filename: "css/site.css" })).toBe("/static/css/site.css");
    });

    it("builds static under the staticUrlPath option", () => {
      expect(createApp({ staticUrlPath: "/assets/" }).urlFor("static", { filename: "a.txt" })).toBe(
        "/assets/a.txt",
      );
    });
  });

  describe("BuildError", () => {
    it("names the missing values", () => {
      const call = () => app.urlFor("thread");
      expect(call).toThrow(BuildError);
      expect(call).toThrow(
        "Could not build url for endpoint 'thread'. Did you forget to specify values ['thread_id']?",
      );
      expect(thrown(call)).toMatchObject({
        endpoint: "thread",
        method: undefined,
        problem: { kind: "missing-values", missing: ["thread_id"] },
      });
    });

    it("counts a null value as missing", () => {
      expect(() => app.urlFor("thread", { thread_id: null })).toThrow(
        "Did you forget to specify values ['thread_id']?",
      );
    });

    it.each([
      ["thread", { thread_id: "abc" }, "thread_id", "'abc' is not an int"],
      ["thread", { thread_id: 1.5 }, "thread_id", "1.5 is not an int"],
      ["tag", { name: "a/b" }, "name", "'a/b' contains a slash, which a string value cannot"],
      ["post", { slug: "a b" }, "slug", "'a b' is not a slug"],
      ["kind", { kind: "z" }, "kind", "'z' is not one of 'a', 'b', 'c d'"],
      ["item", { id: "nope" }, "id", "'nope' is not a uuid"],
      [
        "wiki",
        { page: "/etc" },
        "page",
        "'/etc' is not a path: it must be non-empty and not start with '/'",
      ],
    ])("says that %s rejects %j", (endpoint, params, variable, detail) => {
      const call = () => app.urlFor(endpoint, params);
      expect(call).toThrow(BuildError);
      expect(call).toThrow(
        `Could not build url for endpoint '${endpoint}' with values ['${variable}']. The value of '${variable}' is rejected by its converter: ${detail}.`,
      );
    });

    it("suggests a close app-level endpoint for an unknown one", () => {
      const call = () => app.urlFor("thred", { thread_id: 1 });
      expect(call).toThrow(BuildError);
      expect(call).toThrow(
        "Could not build url for endpoint 'thred' with values ['thread_id']. Did you mean 'thread' instead?",
      );
      expect(thrown(call)).toMatchObject({
        problem: { kind: "unknown-endpoint", suggestion: "thread" },
      });
    });

    it("test_error_message_suggestion: suggests the closest endpoint, however far", () => {
      expect(() => app.urlFor("zzzzzzzz")).toThrow(
        /^Could not build url for endpoint 'zzzzzzzz'\. Did you mean '[a-z_.]+' instead\?$/,
      );
    });

    it("refuses a _method the rule does not accept", () => {
      const call = () => app.urlFor("form", { _method: "GET" });
      expect(call).toThrow(BuildError);
      expect(call).toThrow(
        "Could not build url for endpoint 'form' ('GET'). Did you mean to use methods ['POST']?",
      );
    });

    it("accepts a _method the rule accepts, HEAD for a GET rule included", () => {
      expect(app.urlFor("form", { _method: "post" })).toBe("/form/");
      expect(app.urlFor("index", { _method: "HEAD" })).toBe("/");
    });

    it("reports the _method in the message", () => {
      expect(() => app.urlFor("thread", { _method: "GET" })).toThrow("('GET')");
      expect(() => app.urlFor("form", { _method: "DELETE" })).toThrow(
        "Could not build url for endpoint 'form' ('DELETE').",
      );
    });
  });

  describe("external URLs", () => {
    const withServer = createApp({ serverName: "example.com" });

    it('builds "http://<serverName>/..." with _external', () => {
      expect(withServer.urlFor("thread", { thread_id: 3, _external: true })).toBe(
        "http://example.com/forum/3/",
      );
    });

    it("uses _scheme", () => {
      expect(withServer.urlFor("index", { _external: true, _scheme: "https" })).toBe(
        "https://example.com/",
      );
    });

    it("uses the preferredUrlScheme option", () => {
      expect(
        createApp({ serverName: "example.com", preferredUrlScheme: "https" }).urlFor("index", {
          _external: true,
        }),
      ).toBe("https://example.com/");
    });

    it("puts the query string and fragment after the path", () => {
      expect(withServer.urlFor("index", { _external: true, q: "x", _anchor: "top" })).toBe(
        "http://example.com/?q=x#top",
      );
    });

    it("uses the request's origin inside a request", () => {
      expect(
        internalsOf(app).buildUrl(
          "index",
          { _external: true },
          { module: null, origin: () => ({ scheme: "https", host: "req.example:8443" }) },
        ),
      ).toBe("https://req.example:8443/");
    });

    it("is a BuildError mentioning serverName outside a request without serverName", () => {
      const call = () => app.urlFor("index", { _external: true });
      expect(call).toThrow(BuildError);
      expect(call).toThrow(
        "Could not build url for endpoint 'index'. An external URL outside a request needs the serverName option",
      );
      expect(thrown(call)).toMatchObject({ problem: { kind: "no-server-name" } });
    });
  });

  describe("round trip: urlFor, then resolve, gives the endpoint and params back", () => {
    it.each([
      ["index", {}],
      ["thread", { thread_id: 42 }],
      ["thread", { thread_id: Number.MAX_SAFE_INTEGER }],
      ["tag", { name: "café & co 100%" }],
      ["tag", { name: "%2F" }],
      ["wiki", { page: "a b/c%d/é.txt" }],
      ["price", { amount: 1e21 }],
      ["price", { amount: 1e-7 }],
      ["price", { amount: 19.99 }],
      ["item", { id: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11" }],
      ["kind", { kind: "c d" }],
      ["post", { slug: "hello_world-2" }],
      ["cafe", { year: 7 }],
      ["delta", { n: -3 }],
      ["spaced", { n: 1 }],
      ["static", { filename: "img/a b.png" }],
    ])("%s with %j", (endpoint, params) => {
      const built = app.urlFor(endpoint, { ...params, q: "1" });
      const resolution = internalsOf(app).resolve("GET", built);
      expect(resolution.kind).toBe("route");
      if (resolution.kind !== "route") return;
      expect(resolution.route.endpoint).toBe(endpoint);
      expect({ ...resolution.params }).toEqual(params);
    });
  });

  it("refuses at registration two app urls with the same rule and method", () => {
    const other = createApp();
    expect(() => other.addUrls([url("/forum/<int:other_id>/", show, "again")])).toThrow(
      DuplicateRoute,
    );
    expect(other.urlFor("thread", { thread_id: 1 })).toBe("/forum/1/");
    expect(() => other.urlFor("again", { other_id: 1 })).toThrow(BuildError);
  });
});

describe("urlFor with modules", () => {
  const seed = fileURLToPath(new URL("../fixtures/seed/", import.meta.url));
  const app = new MicroServicesApp(seed);
  beforeAll(() => app.registerUrls(["home"]));

  it("builds <module>.<name>", () => {
    expect(app.urlFor("home.help")).toBe("/help/");
  });

  it("builds <module>.static as /static_<module>/<filename>", () => {
    expect(app.urlFor("home.static", { filename: "b.txt" })).toBe("/static_home/b.txt");
  });

  it("resolves .name relative to the current module", () => {
    expect(internalsOf(app).buildUrl(".help", {}, { module: "home" })).toBe("/help/");
  });

  it("suggests the same name in another module for an unknown endpoint", () => {
    expect(() => app.urlFor("forum.help")).toThrow(
      "Could not build url for endpoint 'forum.help'. Did you mean 'home.help' instead?",
    );
  });

  it("suggests a close spelling within a module", () => {
    expect(() => app.urlFor("home.hepl")).toThrow("Did you mean 'home.help' instead?");
  });
});

describe("resolveEndpoint", () => {
  it.each([
    [".home", "forum", "forum.home"],
    [".home", null, "home"],
    ["admin.home", "forum", "admin.home"],
    ["home", "forum", "home"],
  ])("reads %j in module %j as %j", (name, module, endpoint) => {
    expect(resolveEndpoint(name, module)).toBe(endpoint);
  });
});

describe("suggestEndpoint", () => {
  const endpoints = ["static", "admin.home", "forum.home", "forum.thread", "about"];

  it("suggests the closest spelling: forum.hom -> forum.home", () => {
    expect(suggestEndpoint("forum.hom", endpoints, null)).toBe("forum.home");
  });

  it("prefers the same name in the current module", () => {
    expect(suggestEndpoint("home", endpoints, "forum")).toBe("forum.home");
    expect(suggestEndpoint("home", endpoints, "admin")).toBe("admin.home");
  });

  it("suggests the same name in another module", () => {
    expect(suggestEndpoint("blog.thread", endpoints, null)).toBe("forum.thread");
  });

  it("suggests nothing when nothing is close", () => {
    expect(suggestEndpoint("zzzzzz", endpoints, null)).toBeUndefined();
  });

  it("writes the BuildError message from the suggestion", () => {
    expect(
      new BuildError("forum.hom", "GET", {
        kind: "unknown-endpoint",
        suggestion: suggestEndpoint("forum.hom", endpoints, null),
      }).message,
    ).toBe(
      "Could not build url for endpoint 'forum.hom' ('GET'). Did you mean 'forum.home' instead?",
    );
  });
});

describe("anchorText", () => {
  it.each([
    ["top", "#top"],
    ["a b", "#a%20b"],
    ["x#y", "#x%23y"],
    ["q=1&r/s", "#q=1&r/s"],
  ])("writes %j as %j", (anchor, text) => {
    expect(anchorText(anchor)).toBe(text);
  });
});
