import type { ViewRequest } from "microservices-app";
import { InvalidURLRule, url } from "microservices-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS, type TestApp } from "../helpers/hosts.js";
import { fixture, type Served, serve } from "../helpers/serve.js";

// Cases of Werkzeug's tests/test_routing.py for script_name (the mountPath option and
// X-Forwarded-Prefix), subdomain and host matching, over real HTTP on both hosts, each named
// after its test (fixture: test/fixtures/werkzeug-routing). Locations are paths, and
// scheme-relative ("//host/path") when they change host.

/** Turns on the host's proxy trust for loopback: Express's "trust proxy", Fastify's `trustProxy`. */
const trustLoopback = {
  options: { fastifyOptions: { trustProxy: "loopback" } },
  configure: (app: TestApp) => {
    if ("express" in app)
      (app as { express: { set(k: string, v: string): void } }).express.set(
        "trust proxy",
        "loopback",
      );
  },
};

/** The JSON a request answers with (200 expected). */
async function json(served: Served, path: string, headers: Record<string, string> = {}) {
  const response = await served.raw(path, { headers });
  expect(response.status).toBe(200);
  return JSON.parse(response.body) as Record<string, unknown>;
}

/** The Location of a 308 answer. */
async function location(served: Served, path: string, headers: Record<string, string> = {}) {
  const response = await served.raw(path, { headers });
  expect(response.status).toBe(308);
  return response.headers.location;
}

describe.each(HOSTS)("Werkzeug's script_name tests: mountPath ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "werkzeug-routing", {
      modules: ["paging", "site"],
      options: { mountPath: "/blog" },
    });
  });
  afterAll(() => served.close());

  it("test_environ_defaults: every rule matches under the mount path, nothing outside it", async () => {
    expect(await json(served, "/blog/")).toEqual({ endpoint: "site.home", params: {} });
    expect((await json(served, "/blog/users/page/2/")).params).toEqual({ page: 2 });
    for (const outside of ["/", "/users/", "/blogger/users/", "/static_site/app.css"]) {
      expect((await served.raw(outside)).status).toBe(404);
    }
  });

  it("test_empty_path_info: the mount path itself redirects to the app's root", async () => {
    expect(await location(served, "/blog")).toBe("/blog/");
  });

  it("every redirect the library makes carries the mount path", async () => {
    expect(await location(served, "/blog/files/a/b")).toBe("/blog/files/a/b/");
    expect(await location(served, "/blog//users//page/2/")).toBe("/blog/users/page/2/");
    expect(await location(served, "/blog/users/page/1/?sort=name")).toBe("/blog/users/?sort=name");
    expect(await location(served, "/blog/old-articles/7/")).toBe("/blog/articles/7/");
  });

  it("test_basic_building: urlFor, url_for and static URLs carry the mount path", async () => {
    expect(served.app.urlFor("paging.users", { page: 2 })).toBe("/blog/users/page/2/");
    const links = await json(served, "/blog/site-links/", { host: "example.com" });
    expect(links).toEqual({
      home: "/blog/",
      static: "/blog/static_site/app.css",
      external: "http://example.com/blog/",
    });
    const page = await served.raw("/blog/page/");
    expect(page.body).toContain('<a href="/blog/">home</a>');
    expect(page.body).toContain('<link href="/blog/static_site/app.css">');
    const css = await served.raw("/blog/static_site/app.css");
    expect(css.status).toBe(200);
    expect(css.body).toContain("color: teal");
  });

  it("X-Forwarded-Prefix is ignored while the host does not trust its proxy", async () => {
    const forwarded = { "x-forwarded-prefix": "/elsewhere" };
    expect(await location(served, "/blog/files/a", forwarded)).toBe("/blog/files/a/");
    expect((await served.raw("/files/a/", { headers: forwarded })).status).toBe(404);
  });
});

describe.each(HOSTS)("X-Forwarded-Prefix behind a trusted proxy ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "werkzeug-routing", {
      modules: ["paging", "site"],
      options: { mountPath: "/blog", ...trustLoopback.options },
      configure: trustLoopback.configure,
    });
  });
  afterAll(() => served.close());
  const forwarded = { "x-forwarded-prefix": "/proxied/blog" };

  it("the proxy stripped the prefix: the path matches as it is, URLs carry the prefix", async () => {
    expect(await json(served, "/", forwarded)).toEqual({ endpoint: "site.home", params: {} });
    expect(await location(served, "/files/a", forwarded)).toBe("/proxied/blog/files/a/");
    expect(await location(served, "/users/page/1/", forwarded)).toBe("/proxied/blog/users/");
    const links = await json(served, "/site-links/", forwarded);
    expect(links.static).toBe("/proxied/blog/static_site/app.css");
    const page = await served.raw("/page/", { headers: forwarded });
    expect(page.body).toContain('<a href="/proxied/blog/">home</a>');
  });

  it("without the header, the mount path applies", async () => {
    expect(await location(served, "/blog/files/a")).toBe("/blog/files/a/");
  });

  it("a forwarded prefix that is no path is ignored", async () => {
    const hostile = { "x-forwarded-prefix": "//evil.example" };
    expect(await location(served, "/blog/files/a", hostile)).toBe("/blog/files/a/");
  });
});

describe.each(HOSTS)("Werkzeug's subdomain matching tests ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "werkzeug-routing", {
      modules: ["site", "accounts", "api"],
      options: { serverName: "example.test", subdomainMatching: true },
    });
  });
  afterAll(() => served.close());
  const on = (name: string) => ({ host: name });

  it("TestSubdomainMatching.test_match_no_subdomain: urls without a subdomain are on serverName", async () => {
    expect(await json(served, "/", on("example.test"))).toEqual({
      endpoint: "site.home",
      params: {},
    });
  });

  it("TestSubdomainMatching.test_match_subdomain: a subdomain blueprint, and a url's own subdomain", async () => {
    expect((await json(served, "/", on("api.example.test"))).endpoint).toBe("api.status");
    expect((await json(served, "/beta/", on("beta.example.test"))).endpoint).toBe("api.beta");
    expect((await served.raw("/beta/", { headers: on("api.example.test") })).status).toBe(404);
    expect((await served.raw("/site-links/", { headers: on("api.example.test") })).status).toBe(
      404,
    );
  });

  it("TestSubdomainMatching.test_match_args: <user> in the subdomain is in req.params", async () => {
    const profile = await json(served, "/", on("alice.example.test"));
    expect(profile).toMatchObject({ endpoint: "accounts.profile", params: { user: "alice" } });
  });

  it("test_server_name_casing: the Host is matched case-insensitively", async () => {
    expect((await json(served, "/", on("API.Example.TEST"))).endpoint).toBe("api.status");
  });

  it("TestSubdomainMatching.test_warn_other_domain: a Host outside serverName matches no subdomain rule", async () => {
    expect((await served.raw("/beta/", { headers: on("beta.other.test") })).status).toBe(404);
    expect((await json(served, "/", on("api.other.test"))).endpoint).toBe("site.home");
    expect((await json(served, "/")).endpoint).toBe("site.home");
  });

  it("test_http_host_before_server_name: urlFor is relative on the current subdomain, external off it", async () => {
    const profile = await json(served, "/", on("alice.example.test"));
    expect(profile).toMatchObject({
      self: "/",
      other: "http://bob.example.test/?tab=posts",
      home: "http://example.test/",
      api: "http://api.example.test/",
    });
    expect((await json(served, "/site-links/", on("example.test"))).home).toBe("/");
  });

  it("outside a request, a url on a subdomain is external, on serverName", () => {
    expect(served.app.urlFor("site.home")).toBe("/");
    expect(served.app.urlFor("accounts.profile", { user: "carol" })).toBe(
      "http://carol.example.test/",
    );
    expect(served.app.urlFor("api.static", { filename: "a.js" })).toBe(
      "http://api.example.test/static_api/a.js",
    );
  });
});

describe.each(HOSTS)("Werkzeug's host matching tests ($name)", (host) => {
  let served: Served;
  const where = (req: ViewRequest) => ({
    endpoint: req.urlRule?.endpoint,
    params: req.params,
    alpha: req.urlFor("alpha"),
    bob: req.urlFor("user", { user: "bob" }),
    home: req.urlFor("site.home"),
  });
  beforeAll(async () => {
    served = await serve(host, "werkzeug-routing", {
      modules: ["site"],
      appUrls: [
        url("/", where, { name: "alpha", host: "alpha.test" }),
        url("/u/", where, { name: "user", host: "<user>.users.test" }),
      ],
      options: { hostMatching: true },
    });
  });
  afterAll(() => served.close());
  const on = (name: string) => ({ host: name });

  it("TestHostMatching.test_match_host", async () => {
    expect((await json(served, "/", on("alpha.test"))).endpoint).toBe("alpha");
  });

  it("TestHostMatching.test_match_host_prefix: <user> in the host is in req.params", async () => {
    expect((await json(served, "/u/", on("ann.users.test"))).params).toEqual({ user: "ann" });
  });

  it("TestHostMatching.test_no_match_other_host", async () => {
    expect((await served.raw("/u/", { headers: on("alpha.test") })).status).toBe(404);
    expect((await served.raw("/u/", { headers: on("users.test") })).status).toBe(404);
  });

  it("urls without a host are served on every host", async () => {
    expect((await json(served, "/", on("other.test"))).endpoint).toBe("site.home");
    expect((await json(served, "/site-links/", on("alpha.test"))).home).toBe("/");
  });

  it("TestHostMatching.test_build_same_host and test_build_other_host", async () => {
    expect(await json(served, "/u/", on("bob.users.test"))).toMatchObject({
      alpha: "http://alpha.test/",
      bob: "/u/",
      home: "/",
    });
    expect(await json(served, "/", on("alpha.test"))).toMatchObject({
      alpha: "/",
      bob: "http://bob.users.test/u/",
    });
  });
});

describe.each(HOSTS)("subdomain and host options need their app option ($name)", (host) => {
  it("a module's subdomain without subdomainMatching is an InvalidURLRule that says how to fix it", async () => {
    const app = host.create(fixture("werkzeug-routing"));
    await expect(app.registerUrls(["api"])).rejects.toThrow(InvalidURLRule);
    await expect(app.registerUrls(["api"])).rejects.toThrow(
      /subdomain "api" \(its module's\) needs the app options subdomainMatching: true and serverName/,
    );
  });

  it("a url's host without hostMatching is an InvalidURLRule", () => {
    const app = host.create(fixture("werkzeug-routing"));
    expect(() => app.addUrls([url("/", () => "x", { name: "x", host: "a.test" })])).toThrow(
      /its host option "a.test" needs the app option hostMatching: true/,
    );
  });

  it("subdomainMatching needs serverName", () => {
    expect(() => host.create(fixture("werkzeug-routing"), { subdomainMatching: true })).toThrow(
      /subdomainMatching option needs serverName/,
    );
  });
});
