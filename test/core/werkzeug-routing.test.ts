import { describe, expect, it } from "vitest";
import { InvalidURLRule } from "../../src/core/errors.js";
import { BUILTIN_CONVERTERS } from "../../src/core/routing/builtin-converters.js";
import { parseConverterArgs } from "../../src/core/routing/converter-args.js";
import { parseRule } from "../../src/core/routing/parse-rule.js";
import { type Resolution, resolveRequest } from "../../src/core/routing/resolve.js";
import { buildUrl } from "../../src/core/routing/reverse.js";
import type { Route } from "../../src/core/routing/route.js";
import { compileRule } from "../../src/core/routing/rule.js";
import { UrlMap } from "../../src/core/routing/url-map.js";

// Cases of Werkzeug's tests/test_routing.py for matching and building without HTTP, each named
// after its test. The HTTP cases are in test/http/werkzeug-routing.test.ts.

interface Spec {
  readonly methods?: readonly string[];
  readonly defaults?: Readonly<Record<string, unknown>>;
  readonly strictSlashes?: boolean;
}

/** A URL map of [rule, endpoint, options] entries; one view per endpoint, as Flask's. */
function werkzeugMap(
  entries: readonly (readonly [string, string, Spec?])[],
  converters = BUILTIN_CONVERTERS,
): UrlMap {
  const map = new UrlMap();
  const views = new Map<string, () => string>();
  for (const [rule, endpoint, spec = {}] of entries) {
    if (!views.has(endpoint)) views.set(endpoint, () => endpoint);
    const merged = rule.replace(/\/{2,}/g, "/");
    const route: Route = {
      kind: "view",
      endpoint,
      module: null,
      rule,
      compiled: compileRule(merged, parseRule(merged), converters),
      methods: spec.methods ?? ["GET"],
      view: views.get(endpoint) as () => string,
      requestData: { schemas: {}, csrf: undefined },
      ...(spec.defaults && { defaults: spec.defaults }),
      ...(spec.strictSlashes === false && { strictSlashes: false }),
    };
    map.add(route);
  }
  return map;
}

/** `[endpoint, params]` of a match, the Location of a redirect, or the status of an error. */
function match(map: UrlMap, path: string, method = "GET"): unknown {
  const resolution: Resolution = resolveRequest(map, method, path);
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

const build = (map: UrlMap, endpoint: string, params: Record<string, unknown> = {}) =>
  buildUrl(map, endpoint, params, { module: null }, { serverName: undefined, scheme: "http" });

describe("Werkzeug's routing tests (core)", () => {
  it("test_converter_parser", () => {
    expect(parseConverterArgs("test, a=1, b=3.0")).toEqual({
      positional: ["test"],
      named: { a: 1, b: 3 },
    });
    expect(parseConverterArgs("")).toEqual({ positional: [], named: {} });
    expect(parseConverterArgs("a, b, c,")).toEqual({ positional: ["a", "b", "c"], named: {} });
    expect(parseConverterArgs("True, False, None").positional).toEqual([true, false, null]);
    expect(parseConverterArgs('"foo", "bar"').positional).toEqual(["foo", "bar"]);
    expect(() => parseConverterArgs("min=0;max=500")).toThrow(
      "cannot parse the converter argument",
    );
  });

  it("test_regex: a quoted regex keeps its backslashes", () => {
    const regex = (args: { positional: readonly unknown[] }) => ({
      regex: String(args.positional[0]),
    });
    const map = werkzeugMap([[String.raw`/<regex('[^/:]+\.[^/:]+'):value>`, "regex"]], {
      ...BUILTIN_CONVERTERS,
      regex,
    });
    expect(match(map, "/asdfsa.asdfs")).toEqual(["regex", { value: "asdfsa.asdfs" }]);
    expect(match(map, "/asdfsaXasdfs")).toBe(404);
  });

  it("test_part_isolating_default: a converter whose regex holds '/' crosses segments", () => {
    const two = { regex: "\\w+/\\w+", toValue: (text: string) => text.split("/") };
    const map = werkzeugMap([["/<two:values>/", "two"]], { ...BUILTIN_CONVERTERS, two });
    expect(match(map, "/a/b/")).toEqual(["two", { values: ["a", "b"] }]);
  });

  it("test_invalid_rule", () => {
    expect(() => parseRule("/<int()>")).toThrow(InvalidURLRule);
    expect(() => parseRule("/<int(x=):v>")).toThrow("cannot parse the converter argument 'x='");
  });

  it("test_strict_slashes_redirect", () => {
    const map = werkzeugMap([
      ["/bar/", "get", { methods: ["GET"] }],
      ["/bar", "post", { methods: ["POST"] }],
      ["/foo/", "foo", { methods: ["POST"] }],
      ["/<path:var>/", "path", { methods: ["GET"] }],
    ]);
    expect(match(map, "/bar/")).toEqual(["get", {}]);
    expect(match(map, "/bar", "POST")).toEqual(["post", {}]);
    expect(match(map, "/abc/")).toEqual(["path", { var: "abc" }]);
    expect(match(map, "/bar")).toEqual({ redirect: "/bar/" });
    expect(match(map, "/bar/", "POST")).toBe(405);
    expect(match(map, "/foo", "POST")).toEqual({ redirect: "/foo/" });
    expect(match(map, "/abc")).toEqual({ redirect: "/abc/" });
  });

  it("test_strict_slashes_leaves_dont_consume", () => {
    const loose = { strictSlashes: false };
    const map = werkzeugMap([
      ["/path1", "leaf", loose],
      ["/path1/", "branch", loose],
      ["/path2", "leaf", loose],
      ["/path2/", "branch"],
      ["/path3", "leaf"],
      ["/path3/", "branch", loose],
      ["/path4", "leaf", loose],
      ["/path4/", "branch", loose],
      ["/path5", "leaf", loose],
    ]);
    for (const index of [1, 2, 3, 4]) {
      expect(match(map, `/path${index}`)).toEqual(["leaf", {}]);
      expect(match(map, `/path${index}/`)).toEqual(["branch", {}]);
    }
    expect(match(map, "/path5/")).toEqual(["leaf", {}]);
  });

  it("test_strict_slashes_false", () => {
    const loose = { strictSlashes: false };
    const map = werkzeugMap([
      ["/path1", "leaf_path", loose],
      ["/path2/", "branch_path", loose],
      ["/<path:path>", "leaf_path_converter", loose],
    ]);
    expect(match(map, "/path1")).toEqual(["leaf_path", {}]);
    expect(match(map, "/path1/")).toEqual(["leaf_path", {}]);
    expect(match(map, "/path2")).toEqual(["branch_path", {}]);
    expect(match(map, "/path2/")).toEqual(["branch_path", {}]);
    expect(match(map, "/any")).toEqual(["leaf_path_converter", { path: "any" }]);
    expect(match(map, "/any/")).toEqual(["leaf_path_converter", { path: "any/" }]);
  });

  it("test_merge_slashes_match", () => {
    const map = werkzeugMap([
      ["/no/tail", "no_tail"],
      ["/yes/tail/", "yes_tail"],
      ["/with/<path:path>", "with_path"],
    ]);
    expect(match(map, "/no//tail")).toEqual({ redirect: "/no/tail" });
    expect(match(map, "/yes//tail")).toEqual({ redirect: "/yes/tail/" });
    expect(match(map, "/yes/tail//")).toEqual({ redirect: "/yes/tail/" });
    expect(match(map, "//yes///tail////")).toEqual({ redirect: "/yes/tail/" });
    expect(match(map, "/no/tail")).toEqual(["no_tail", {}]);
    expect(match(map, "/with/http://example.com/")).toEqual([
      "with_path",
      { path: "http://example.com/" },
    ]);
    expect(match(map, "/with/x//y")).toEqual(["with_path", { path: "x//y" }]);
  });

  it("test_merge_slashes_build", () => {
    expect(build(werkzeugMap([["/yes//merge", "yes_merge"]]), "yes_merge")).toBe("/yes/merge");
  });

  it("test_defaults", () => {
    const map = werkzeugMap([
      ["/foo/", "foo", { defaults: { page: 1 } }],
      ["/foo/<int:page>", "foo"],
    ]);
    expect(match(map, "/foo/")).toEqual(["foo", { page: 1 }]);
    expect(match(map, "/foo/1")).toEqual({ redirect: "/foo/" });
    expect(match(map, "/foo/2")).toEqual(["foo", { page: 2 }]);
    expect(build(map, "foo")).toBe("/foo/");
    expect(build(map, "foo", { page: 1 })).toBe("/foo/");
    expect(build(map, "foo", { page: 2 })).toBe("/foo/2");
  });

  it.each(["", "/aaa"])("test_double_defaults (prefix %j)", (prefix) => {
    const map = werkzeugMap([
      [`${prefix}/`, "x", { defaults: { foo: 1, bar: false } }],
      [`${prefix}/<int:foo>`, "x", { defaults: { bar: false } }],
      [`${prefix}/bar/`, "x", { defaults: { foo: 1, bar: true } }],
      [`${prefix}/bar/<int:foo>`, "x", { defaults: { bar: true } }],
    ]);
    expect(match(map, `${prefix}/`)).toEqual(["x", { foo: 1, bar: false }]);
    expect(match(map, `${prefix}/2`)).toEqual(["x", { foo: 2, bar: false }]);
    expect(match(map, `${prefix}/bar/`)).toEqual(["x", { foo: 1, bar: true }]);
    expect(match(map, `${prefix}/bar/2`)).toEqual(["x", { foo: 2, bar: true }]);
    expect(build(map, "x", { foo: 1, bar: false })).toBe(`${prefix}/`);
    expect(build(map, "x", { foo: 2, bar: false })).toBe(`${prefix}/2`);
    expect(build(map, "x", { foo: 1, bar: true })).toBe(`${prefix}/bar/`);
    expect(build(map, "x", { foo: 2, bar: true })).toBe(`${prefix}/bar/2`);
    expect(build(map, "x", { foo: 1 })).toBe(`${prefix}/`);
    expect(build(map, "x", { foo: 2 })).toBe(`${prefix}/2`);
    expect(build(map, "x", { bar: true })).toBe(`${prefix}/bar/`);
  });

  it("test_greedy", () => {
    const map = werkzeugMap([
      ["/foo", "foo"],
      ["/<path:bar>", "bar"],
      ["/<path:bar>/<path:blub>", "bar"],
    ]);
    expect(match(map, "/foo")).toEqual(["foo", {}]);
    expect(match(map, "/blub")).toEqual(["bar", { bar: "blub" }]);
    expect(match(map, "/he/he")).toEqual(["bar", { bar: "he", blub: "he" }]);
    expect(build(map, "bar", { bar: "blub" })).toBe("/blub");
    expect(build(map, "bar", { bar: "blub", blub: "bar" })).toBe("/blub/bar");
  });

  it("test_path: the front page's defaults redirect /FrontPage to /", () => {
    const map = werkzeugMap([
      ["/", "page", { defaults: { name: "FrontPage" } }],
      ["/<path:name>", "page"],
      ["/<path:name>/edit", "editpage"],
      ["/<admin>/<manage>/<things>", "admin"],
    ]);
    expect(match(map, "/")).toEqual(["page", { name: "FrontPage" }]);
    expect(match(map, "/FrontPage")).toEqual({ redirect: "/" });
    expect(match(map, "/Some/Page/edit")).toEqual(["editpage", { name: "Some/Page" }]);
    expect(match(map, "/Jerry/eats/cheese")).toEqual([
      "admin",
      { admin: "Jerry", manage: "eats", things: "cheese" },
    ]);
  });

  it("test_path_weighting", () => {
    const map = werkzeugMap([
      ["/<path:path>/<a>/<b>", "complex"],
      ["/<path:path>/c", "simple"],
    ]);
    expect(match(map, "/a/b/c")).toEqual(["simple", { path: "a/b" }]);
  });

  it("test_weighting: uuid before int where only a uuid matches", () => {
    const map = werkzeugMap([
      ["/<int:value>", "int"],
      ["/<uuid:value>", "uuid"],
    ]);
    expect(match(map, "/2b5b0911-fdcf-4dd2-921b-28ace88db8a0")).toEqual([
      "uuid",
      { value: "2b5b0911-fdcf-4dd2-921b-28ace88db8a0" },
    ]);
  });

  it("test_multiple_converters_per_part and test_static_regex_escape", () => {
    const map = werkzeugMap([
      ["/v<int:major>.<int:minor>", "version"],
      ["/.<int:value>", "dotted"],
    ]);
    expect(match(map, "/v1.2")).toEqual(["version", { major: 1, minor: 2 }]);
    expect(match(map, "/.2")).toEqual(["dotted", { value: 2 }]);
    expect(match(map, "/a2")).toBe(404);
  });

  it("test_error_message_without_suggested_rule", () => {
    const map = werkzeugMap([["/foo/", "world", { methods: ["GET"] }]]);
    expect(() => build(map, "urks")).toThrow(/^Could not build url for endpoint 'urks'\./);
    expect(() => build(map, "world", { _method: "POST" })).toThrow(
      /^Could not build url for endpoint 'world' \('POST'\)\./,
    );
    expect(() => build(map, "urks", { user_id: 5 })).toThrow(
      /^Could not build url for endpoint 'urks' with values \['user_id'\]\./,
    );
  });

  it("test_error_message_suggestion", () => {
    const map = werkzeugMap([["/foo/<id>/", "world", { methods: ["GET"] }]]);
    expect(() => build(map, "helloworld")).toThrow("Did you mean 'world' instead?");
    expect(() => build(map, "world")).toThrow("Did you forget to specify values ['id']?");
    expect(() => build(map, "world", { id: 2, _method: "POST" })).toThrow(
      "Did you mean to use methods ['GET', 'HEAD']?",
    );
  });

  it("test_finding_closest_match_by_endpoint", () => {
    const map = werkzeugMap([
      ["/foo/", "users.here"],
      ["/wat/", "admin.users"],
      ["/woop", "foo.users"],
    ]);
    expect(() => build(map, "admin.user")).toThrow("Did you mean 'admin.users' instead?");
  });

  it("test_build_drop_none: null values are left out of the URL", () => {
    const map = werkzeugMap([["/flob/<flub>", "endp"]]);
    expect(build(map, "endp", { flub: "x", flib: null })).toBe("/flob/x");
  });
});
