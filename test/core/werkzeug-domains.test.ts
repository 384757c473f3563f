import { describe, expect, it } from "vitest";
import { BuildError, DuplicateRoute, InvalidURLRule } from "../../src/core/errors.js";
import { compileProxyTrust } from "../../src/core/http/proxy-trust.js";
import { BUILTIN_CONVERTERS } from "../../src/core/routing/builtin-converters.js";
import { compileDomain, type DomainMatching } from "../../src/core/routing/domain.js";
import { forwardedPrefix, readMountPath } from "../../src/core/routing/mount.js";
import { parseRule } from "../../src/core/routing/parse-rule.js";
import {
  type RequestSite,
  type ResolveOptions,
  resolveRequest,
} from "../../src/core/routing/resolve.js";
import { buildUrl, type UrlContext } from "../../src/core/routing/reverse.js";
import type { Route } from "../../src/core/routing/route.js";
import { compileRule } from "../../src/core/routing/rule.js";
import { UrlMap } from "../../src/core/routing/url-map.js";

// Cases of Werkzeug's tests/test_routing.py for script_name (the mountPath option), subdomain
// and host matching, without HTTP, each named after its test. Werkzeug's redirects are
// absolute URLs; this library's Locations are paths, and scheme-relative ("//host/path") when
// they change host, so that the client keeps its scheme.

interface Spec {
  readonly subdomain?: string;
  readonly host?: string;
  readonly defaults?: Readonly<Record<string, unknown>>;
  readonly redirectTo?: string;
}

/** A URL map of [rule, endpoint, options] entries, routing by domain when `mode` is given. */
function domainMap(
  mode: DomainMatching | undefined,
  entries: readonly (readonly [string, string, Spec?])[],
): UrlMap {
  const map = new UrlMap(mode);
  const views = new Map<string, () => string>();
  for (const [rule, endpoint, spec = {}] of entries) {
    if (!views.has(endpoint)) views.set(endpoint, () => endpoint);
    const domainRule = spec.host ?? spec.subdomain;
    const domain =
      domainRule === undefined
        ? undefined
        : compileDomain(domainRule, BUILTIN_CONVERTERS, spec.host ? "host" : "subdomain");
    const base = {
      endpoint,
      module: null,
      rule,
      compiled: compileRule(
        rule,
        parseRule(rule),
        BUILTIN_CONVERTERS,
        undefined,
        domain?.variables,
      ),
      methods: ["GET"],
      ...(spec.defaults && { defaults: spec.defaults }),
      ...(domain && { domain }),
    };
    const route: Route = spec.redirectTo
      ? { kind: "link", ...base, redirectTo: spec.redirectTo }
      : {
          kind: "view",
          ...base,
          view: views.get(endpoint) as () => string,
          requestData: { schemas: {}, csrf: undefined },
        };
    map.add(route);
  }
  return map;
}

/** A proxy the host trusts, or not. */
const proxy = (trusted: boolean): RequestSite<object> => ({ trustsProxy: () => trusted });

/** `[endpoint, params]` of a match, the Location of a redirect, or the status of an error. */
function match(
  map: UrlMap,
  path: string,
  host: string | undefined,
  options: ResolveOptions = {},
  headers: readonly string[] = [],
  site?: RequestSite<object>,
): unknown {
  const raw = host === undefined ? headers : ["Host", host, ...headers];
  const resolution = resolveRequest(map, "GET", path, raw, options, site, {});
  switch (resolution.kind) {
    case "route":
      return [resolution.route.endpoint, { ...resolution.params }];
    case "redirect":
      return { redirect: resolution.location };
    case "error":
      return resolution.status;
    case "options":
      return "options";
  }
}

/** A request's context for `urlFor`: on `domain`, with `host` as its origin. */
const inRequest = (domain: string | undefined, host = "localhost"): UrlContext => ({
  module: null,
  origin: () => ({ scheme: "http", host }),
  domain,
});
const OUTSIDE: UrlContext = { module: null };

const build = (
  map: UrlMap,
  endpoint: string,
  params: Record<string, unknown> = {},
  context: UrlContext = OUTSIDE,
  serverName?: string,
  mountPath = "",
) => buildUrl(map, endpoint, params, context, { serverName, scheme: "http", mountPath });

describe("Werkzeug's script_name tests: the mountPath option (core)", () => {
  const map = domainMap(undefined, [
    ["/", "index"],
    ["/foo", "foo"],
    ["/bar/<baz>", "bar"],
    ["/dir/", "dir"],
    ["/users/", "users", { defaults: { page: 1 } }],
    ["/users/page/<int:page>/", "users"],
    ["/old/<int:id>/", "old", { redirectTo: "/bar/<id>" }],
  ]);
  const mounted: ResolveOptions = { mountPath: "/approot" };

  it("test_environ_defaults: rules match the path under the mount path", () => {
    expect(match(map, "/approot/foo", "example.com", mounted)).toEqual(["foo", {}]);
    expect(match(map, "/approot/bar/x?y=1", "example.com", mounted)).toEqual(["bar", { baz: "x" }]);
    expect(match(map, "/approot/bars", "example.com", mounted)).toBe(404);
  });

  it("test_environ_defaults: a path outside the mount path is a 404", () => {
    expect(match(map, "/foo", "example.com", mounted)).toBe(404);
    expect(match(map, "/approots/foo", "example.com", mounted)).toBe(404);
    expect(match(map, "/other/approot/foo", "example.com", mounted)).toBe(404);
  });

  it("test_empty_path_info: the mount path itself redirects to its root", () => {
    expect(match(map, "/approot", "example.com", mounted)).toEqual({ redirect: "/approot/" });
    expect(match(map, "/approot?x=1", "example.com", mounted)).toEqual({
      redirect: "/approot/?x=1",
    });
  });

  it("every redirect Location carries the mount path", () => {
    // test_strict_slashes_redirect, test_merge_slashes_match, test_defaults, redirect_to
    expect(match(map, "/approot/dir", "h", mounted)).toEqual({ redirect: "/approot/dir/" });
    expect(match(map, "/approot//bar//x", "h", mounted)).toEqual({ redirect: "/approot/bar/x" });
    expect(match(map, "/approot/users/page/1/", "h", mounted)).toEqual({
      redirect: "/approot/users/",
    });
    expect(match(map, "/approot/old/7/", "h", mounted)).toEqual({ redirect: "/approot/bar/7" });
  });

  it("test_basic_building: built URLs carry the script name", () => {
    expect(build(map, "index", {}, OUTSIDE, undefined, "/test")).toBe("/test/");
    expect(build(map, "foo", {}, OUTSIDE, undefined, "/test")).toBe("/test/foo");
    expect(build(map, "bar", { baz: "blub" }, OUTSIDE, undefined, "/test")).toBe("/test/bar/blub");
    expect(build(map, "foo", { _external: true }, OUTSIDE, "example.org", "/test")).toBe(
      "http://example.org/test/foo",
    );
    expect(build(map, "foo", { _anchor: "a" }, inRequest(undefined), undefined, "/test")).toBe(
      "/test/foo#a",
    );
  });

  it("X-Forwarded-Prefix from a trusted proxy replaces the mount path, as ProxyFix's x_prefix", () => {
    const forwarded = ["X-Forwarded-Prefix", "/proxied"];
    expect(match(map, "/foo", "h", {}, forwarded, proxy(true))).toEqual(["foo", {}]);
    expect(match(map, "/dir", "h", {}, forwarded, proxy(true))).toEqual({
      redirect: "/proxied/dir/",
    });
    // The proxy stripped its prefix: the mount path is not looked for.
    expect(match(map, "/foo", "h", mounted, forwarded, proxy(true))).toEqual(["foo", {}]);
    const context = { ...OUTSIDE, scriptName: "/proxied" };
    expect(build(map, "foo", {}, context, undefined, "/approot")).toBe("/proxied/foo");
  });

  it("X-Forwarded-Prefix is ignored without proxy trust, or when it is no path", () => {
    const forwarded = ["X-Forwarded-Prefix", "/proxied"];
    expect(match(map, "/dir", "h", {}, forwarded, proxy(false))).toEqual({ redirect: "/dir/" });
    expect(match(map, "/dir", "h", {}, forwarded)).toEqual({ redirect: "/dir/" });
    expect(match(map, "/foo", "h", mounted, forwarded, proxy(false))).toBe(404);
    const hostile = ["X-Forwarded-Prefix", "//evil.com"];
    expect(match(map, "/dir", "h", {}, hostile, proxy(true))).toEqual({ redirect: "/dir/" });
    expect(forwardedPrefix("/a, /b/")).toBe("/b");
    expect(forwardedPrefix("/a\\b")).toBeUndefined();
    expect(forwardedPrefix("/")).toBe("");
  });

  it("a 404 or 405 under a forwarded prefix keeps it, for the URLs of its error page", () => {
    const raw = ["Host", "h", "X-Forwarded-Prefix", "/proxied"];
    expect(resolveRequest(map, "GET", "/nowhere", raw, {}, proxy(true), {})).toMatchObject({
      kind: "error",
      status: 404,
      scriptName: "/proxied",
    });
    expect(resolveRequest(map, "POST", "/foo", raw, {}, proxy(true), {})).toMatchObject({
      kind: "error",
      status: 405,
      scriptName: "/proxied",
    });
  });

  it("proxy trust settings are read as Express and Fastify read them", () => {
    expect(compileProxyTrust(undefined)("127.0.0.1", 0)).toBe(false);
    expect(compileProxyTrust(true)("203.0.113.9", 0)).toBe(true);
    expect(compileProxyTrust(1)("203.0.113.9", 0)).toBe(true);
    expect(compileProxyTrust(1)("203.0.113.9", 1)).toBe(false);
    expect(compileProxyTrust("loopback")("127.0.0.1", 0)).toBe(true);
    expect(compileProxyTrust("loopback, 10.0.0.0/8")("10.1.2.3", 0)).toBe(true);
    expect(compileProxyTrust(["10.0.0.1"])("127.0.0.1", 0)).toBe(false);
  });

  it("the mountPath option is checked", () => {
    expect(readMountPath("/blog/")).toBe("/blog");
    expect(readMountPath("/")).toBe("");
    for (const bad of ["blog", "/a b", "/a?b", "//evil.com", "/a\\b"]) {
      expect(() => readMountPath(bad)).toThrow(/mountPath option must be a URL path/);
    }
  });
});

describe("Werkzeug's subdomain matching tests (core)", () => {
  const options: ResolveOptions = { serverName: "app.test" };
  const map = domainMap("subdomain", [
    ["/", "index"],
    ["/", "static", { subdomain: "static" }],
    ["/<word>", "lookup", { subdomain: "<lang>" }],
  ]);

  it("TestSubdomainMatching.test_match_no_subdomain", () => {
    expect(match(map, "/", "app.test", options)).toEqual(["index", {}]);
  });

  it("TestSubdomainMatching.test_match_subdomain", () => {
    expect(match(map, "/", "static.app.test", options)).toEqual(["static", {}]);
  });

  it("TestSubdomainMatching.test_match_args", () => {
    expect(match(map, "/%E9%81%93%E5%85%B7", "jp.app.test", options)).toEqual([
      "lookup",
      { lang: "jp", word: "道具" },
    ]);
  });

  it("TestSubdomainMatching.test_warn_other_domain: a Host outside serverName is on the default subdomain", () => {
    expect(match(map, "/", "static.other.test", options)).toEqual(["index", {}]);
    expect(match(map, "/word", "static.other.test", options)).toBe(404);
  });

  it("test_server_name_interpolation", () => {
    const alt = domainMap("subdomain", [
      ["/", "index"],
      ["/", "alt", { subdomain: "alt" }],
    ]);
    expect(match(alt, "/", "example.invalid", { serverName: "example.invalid" })).toEqual([
      "index",
      {},
    ]);
    expect(match(alt, "/", "alt.example.invalid", { serverName: "example.invalid" })).toEqual([
      "alt",
      {},
    ]);
    expect(match(alt, "/", "example.invalid", { serverName: "foo" })).toEqual(["index", {}]);
  });

  it("test_server_name_casing", () => {
    const foo = domainMap("subdomain", [["/", "index", { subdomain: "foo" }]]);
    expect(match(foo, "/", "FOO.EXAMPLE.COM", { serverName: "example.com" })).toEqual([
      "index",
      {},
    ]);
    expect(match(foo, "/", undefined, { serverName: "example.com" })).toBe(404);
  });

  it("test_server_name_match_default_port", () => {
    const foo = domainMap("subdomain", [["/foo", "foo", { subdomain: "api" }]]);
    expect(match(foo, "/foo", "api.localhost:80", { serverName: "localhost" })).toEqual([
      "foo",
      {},
    ]);
    expect(match(foo, "/foo", "api.localhost:443", { serverName: "localhost" })).toEqual([
      "foo",
      {},
    ]);
  });

  it("test_no_duplicates: a rule's subdomain is part of its identity", () => {
    expect(() =>
      domainMap("subdomain", [
        ["/", "index"],
        ["/", "sub", { subdomain: "a" }],
      ]),
    ).not.toThrow();
    expect(() =>
      domainMap("subdomain", [
        ["/", "index", { subdomain: "a" }],
        ["/", "sub", { subdomain: "a" }],
      ]),
    ).toThrow(DuplicateRoute);
  });

  it("test_duplicate_domain_disabled: without domain matching, the domain is no identity", () => {
    expect(() =>
      domainMap(undefined, [
        ["/", "index"],
        ["/", "sub", { subdomain: "a" }],
      ]),
    ).toThrow(DuplicateRoute);
  });

  it("test_http_host_before_server_name: building on and off the current subdomain", () => {
    const wiki = domainMap("subdomain", [["/", "index", { subdomain: "wiki" }]]);
    expect(match(wiki, "/", "wiki.example.com", { serverName: "example.com" })).toEqual([
      "index",
      {},
    ]);
    const onWiki = inRequest("wiki", "wiki.example.com");
    expect(build(wiki, "index", { _external: true }, onWiki, "example.com")).toBe(
      "http://wiki.example.com/",
    );
    expect(build(wiki, "index", {}, onWiki, "example.com")).toBe("/");
    const onAdmin = inRequest("admin", "admin.example.com");
    expect(build(wiki, "index", {}, onAdmin, "example.com")).toBe("http://wiki.example.com/");
  });

  it("test_basic_building: a url off the current subdomain is external, with its values", () => {
    expect(build(map, "index", {}, inRequest("blah"), "app.test")).toBe("http://app.test/");
    expect(build(map, "index", {}, inRequest(""), "app.test")).toBe("/");
    expect(build(map, "lookup", { lang: "jp", word: "x" }, inRequest("jp"), "app.test")).toBe("/x");
    expect(build(map, "lookup", { lang: "de", word: "x", q: 1 }, inRequest("jp"), "app.test")).toBe(
      "http://de.app.test/x?q=1",
    );
    // Outside a request: the bare serverName is current, a subdomain's URL is external.
    expect(build(map, "index", {}, OUTSIDE, "app.test")).toBe("/");
    expect(build(map, "static", {}, OUTSIDE, "app.test")).toBe("http://static.app.test/");
    expect(build(map, "static", { _scheme: "https" }, OUTSIDE, "app.test", "/r")).toBe(
      "https://static.app.test/r/",
    );
  });

  it("test_build_drop_none: a subdomain variable without a value is a BuildError naming it", () => {
    expect(() => build(map, "lookup", { word: "x" }, OUTSIDE, "app.test")).toThrow(BuildError);
    expect(() => build(map, "lookup", { word: "x" }, OUTSIDE, "app.test")).toThrow(
      /Did you forget to specify values \['lang'\]/,
    );
  });

  it("test_request_redirect_default_subdomain: the canonical URL is on its own subdomain", () => {
    const paging = domainMap("subdomain", [
      ["/foo", "foo", { defaults: { bar: 42 }, subdomain: "test" }],
      ["/foo/<int:bar>", "foo", { subdomain: "other" }],
    ]);
    expect(match(paging, "/foo/42", "other.localhost", { serverName: "localhost" })).toEqual({
      redirect: "//test.localhost/foo",
    });
    expect(match(paging, "/foo/41", "other.localhost", { serverName: "localhost" })).toEqual([
      "foo",
      { bar: 41 },
    ]);
  });

  it("a subdomain rule holds host name characters and placeholders only", () => {
    expect(() => compileDomain("a/b", BUILTIN_CONVERTERS, "subdomain")).toThrow(InvalidURLRule);
    expect(() => compileDomain("a b", BUILTIN_CONVERTERS, "subdomain")).toThrow(
      /the subdomain option must be a host name part/,
    );
    expect(compileDomain("<int:n>.api", BUILTIN_CONVERTERS, "subdomain").variables).toEqual(["n"]);
  });
});

describe("Werkzeug's host matching tests (core)", () => {
  const map = domainMap("host", [
    ["/", "index", { host: "app.test" }],
    ["/", "lang", { host: "<lang>.app.test" }],
    ["/page/", "page", { host: "app.<domain>", defaults: { page: 1 } }],
    ["/page/<int:page>/", "page", { host: "pages.<domain>" }],
  ]);

  it("TestHostMatching.test_match_host", () => {
    expect(match(map, "/", "app.test")).toEqual(["index", {}]);
  });

  it("TestHostMatching.test_no_match_other_host", () => {
    expect(match(map, "/", "somewhere.test")).toBe(404);
  });

  it("TestHostMatching.test_match_host_prefix", () => {
    expect(match(map, "/", "en.app.test")).toEqual(["lang", { lang: "en" }]);
  });

  it("TestHostMatching.test_match_host_suffix", () => {
    expect(match(map, "/page/", "app.personal.test")).toEqual([
      "page",
      { domain: "personal.test", page: 1 },
    ]);
  });

  it("TestHostMatching.test_match_redirect_trailing_slash", () => {
    expect(match(map, "/page", "app.other.test")).toEqual({ redirect: "/page/" });
  });

  it("TestHostMatching.test_match_redirect_other_host", () => {
    expect(match(map, "/page/1/", "pages.personal.test")).toEqual({
      redirect: "//app.personal.test/page/",
    });
  });

  it("TestHostMatching.test_build_same_host", () => {
    expect(build(map, "index", {}, inRequest("app.test"))).toBe("/");
    expect(build(map, "page", { domain: "personal.test" }, inRequest("app.personal.test"))).toBe(
      "/page/",
    );
  });

  it("TestHostMatching.test_build_other_host", () => {
    expect(build(map, "index", {}, inRequest("pages.other.test"))).toBe("http://app.test/");
    expect(build(map, "page", { domain: "personal.test" }, inRequest("app.test"))).toBe(
      "http://app.personal.test/page/",
    );
  });

  it("test_no_duplicates_host: a rule's host is part of its identity", () => {
    expect(() =>
      domainMap("host", [
        ["/", "index", { host: "a" }],
        ["/", "host", { host: "b" }],
      ]),
    ).not.toThrow();
  });

  it("test_build_url_same_endpoint_multiple_hosts", () => {
    const hosts = domainMap("host", [
      ["/", "index", { host: "alpha.example.com" }],
      ["/", "index", { host: "beta.example.com" }],
      ["/", "gamma", { host: "gamma.example.com" }],
    ]);
    expect(build(hosts, "index", {}, inRequest("alpha.example.com"))).toBe("/");
    expect(build(hosts, "gamma", {}, inRequest("alpha.example.com"))).toBe(
      "http://gamma.example.com/",
    );
    expect(build(hosts, "index", {}, inRequest("beta.example.com"))).toBe("/");
    // AlPhA.ExAmPlE.CoM: the request's domain key is its normalized Host.
    expect(match(hosts, "/", "AlPhA.ExAmPlE.CoM")).toEqual(["index", {}]);
  });

  it("urls without a host are served on every host, after the hosts' own", () => {
    const mixed = domainMap("host", [
      ["/", "api", { host: "api.example.com" }],
      ["/", "home"],
      ["/about", "about"],
    ]);
    expect(match(mixed, "/", "api.example.com")).toEqual(["api", {}]);
    expect(match(mixed, "/", "www.example.com")).toEqual(["home", {}]);
    expect(match(mixed, "/about", "api.example.com")).toEqual(["about", {}]);
    expect(build(mixed, "about", {}, inRequest("api.example.com"))).toBe("/about");
    expect(build(mixed, "api", {}, OUTSIDE, "example.com")).toBe("http://api.example.com/");
    expect(build(mixed, "api", {}, OUTSIDE, "api.example.com")).toBe("/");
  });
});

describe("Werkzeug's TestNoDomainMatching (core)", () => {
  it("TestNoDomainMatching.test_match_ignore_subdomain", () => {
    const map = domainMap(undefined, [["/", "index"]]);
    expect(match(map, "/", "static.app.test", { serverName: "app.test" })).toEqual(["index", {}]);
  });

  it("test_external_building_with_port", () => {
    const map = domainMap(undefined, [["/", "index"]]);
    expect(build(map, "index", { _external: true }, OUTSIDE, "example.org:5000")).toBe(
      "http://example.org:5000/",
    );
  });
});
