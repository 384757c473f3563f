import { describe, expect, it } from "vitest";
import { Matcher, type MatchResult } from "../../src/core/routing/matcher.js";
import type { Route } from "../../src/core/routing/route.js";
import { matcher, type RouteSpec, route } from "./support.js";

/** A match result with the route reduced to its endpoint, for comparisons. */
function summary(result: MatchResult<Route>) {
  return result.kind === "match"
    ? { kind: result.kind, endpoint: result.route.endpoint, values: result.values }
    : result;
}

/** Matches with the routes added in the given order and reversed; both must agree. */
function matchBothWays(specs: readonly RouteSpec[], path: string, method = "GET") {
  const forward = summary(matcher(...specs).match(method, path));
  const backward = summary(matcher(...[...specs].reverse()).match(method, path));
  expect(backward, "the answer must not depend on the order the rules were added").toEqual(forward);
  return forward;
}

const match = (endpoint: string, values: unknown[] = []) => ({ kind: "match", endpoint, values });

describe("Matcher precedence (the same answer in any registration order)", () => {
  describe("static text beats a converter", () => {
    const rules: RouteSpec[] = [
      ["/users/<name>", "user"],
      ["/users/new", "new"],
    ];
    it.each([
      ["/users/new", match("new")],
      ["/users/bob", match("user", ["bob"])],
    ])("%s", (path, expected) => {
      expect(matchBothWays(rules, path)).toEqual(expected);
    });
  });

  describe("a constrained converter beats string", () => {
    const id = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
    it.each([
      ["int", "<int:v>", "/p/42", [42]],
      ["float", "<float:v>", "/p/1.5", [1.5]],
      ["uuid", "<uuid:v>", `/p/${id.toUpperCase()}`, [id]],
      ["any", "<any(red, green):v>", "/p/red", ["red"]],
    ])("%s beats string", (_, placeholder, path, values) => {
      const rules: RouteSpec[] = [
        ["/p/<name>", "string"],
        [`/p/${placeholder}`, "constrained"],
      ];
      expect(matchBothWays(rules, path)).toEqual(match("constrained", values));
      expect(matchBothWays(rules, "/p/blue")).toEqual(match("string", ["blue"]));
    });
  });

  describe("a constrained converter beats slug", () => {
    it.each([
      ["int", "<int:v>", "/p/42", [42]],
      ["any", "<any(red, green):v>", "/p/red", ["red"]],
      [
        "uuid",
        "<uuid:v>",
        "/p/a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"],
      ],
    ])("%s beats slug", (_, placeholder, path, values) => {
      const rules: RouteSpec[] = [
        ["/p/<slug:s>", "slug"],
        [`/p/${placeholder}`, "constrained"],
      ];
      expect(matchBothWays(rules, path)).toEqual(match("constrained", values));
      expect(matchBothWays(rules, "/p/my-post")).toEqual(match("slug", ["my-post"]));
    });
  });

  describe("path is last", () => {
    const rules: RouteSpec[] = [
      ["/p/<path:rest>", "path"],
      ["/p/<name>", "string"],
      ["/p/<int:id>", "int"],
      ["/p/new", "static"],
    ];
    it.each([
      ["/p/new", match("static")],
      ["/p/7", match("int", [7])],
      ["/p/abc", match("string", ["abc"])],
      ["/p/a/b", match("path", ["a/b"])],
      ["/p/new/x", match("path", ["new/x"])],
    ])("%s", (path, expected) => {
      expect(matchBothWays(rules, path)).toEqual(expected);
    });

    it("a path rule at the root loses to every other rule, yet catches the rest", () => {
      const catchAll: RouteSpec[] = [
        ["/<path:page>", "page"],
        ["/a/<int:x>", "a"],
        ["/<name>", "top"],
      ];
      expect(matchBothWays(catchAll, "/a/7")).toEqual(match("a", [7]));
      expect(matchBothWays(catchAll, "/about")).toEqual(match("top", ["about"]));
      expect(matchBothWays(catchAll, "/a/xyz")).toEqual(match("page", ["a/xyz"]));
    });
  });

  it("tries a segment with an int and static text before a plain string", () => {
    const rules: RouteSpec[] = [
      ["/items/<name>", "string"],
      ["/items/<int:id>.json", "json"],
    ];
    expect(matchBothWays(rules, "/items/5.json")).toEqual(match("json", [5]));
    expect(matchBothWays(rules, "/items/x.json")).toEqual(match("string", ["x.json"]));
  });

  it("backtracks out of a static branch that leads nowhere", () => {
    const rules: RouteSpec[] = [
      ["/users/new/form", "form"],
      ["/users/<name>/edit", "edit"],
    ];
    expect(matchBothWays(rules, "/users/new/edit")).toEqual(match("edit", ["new"]));
  });

  it("matches a path converter followed by static text", () => {
    expect(matchBothWays([["/files/<path:file>/edit", "edit"]], "/files/a/b.txt/edit")).toEqual(
      match("edit", ["a/b.txt"]),
    );
  });
});

describe("Matcher: int overflow", () => {
  it("does not match an int past Number.MAX_SAFE_INTEGER, falling to another rule", () => {
    const rules: RouteSpec[] = [
      ["/n/<int:id>", "int"],
      ["/n/<name>", "string"],
    ];
    expect(matchBothWays(rules, "/n/9007199254740992")).toEqual(
      match("string", ["9007199254740992"]),
    );
  });

  it("does not match an int past Number.MAX_SAFE_INTEGER, with no other rule", () => {
    expect(matchBothWays([["/n/<int:id>", "int"]], "/n/9007199254740992")).toEqual({
      kind: "none",
    });
  });
});

describe("Matcher: strict slashes", () => {
  it('answers "slash" for /admin when only /admin/ exists', () => {
    expect(matchBothWays([["/admin/", "admin"]], "/admin")).toEqual({ kind: "slash" });
  });

  it('answers "slash" for a converter rule ending in "/"', () => {
    expect(matchBothWays([["/u/<int:id>/", "user"]], "/u/7")).toEqual({ kind: "slash" });
  });

  it('answers "none" for /x/ when only /x exists', () => {
    expect(matchBothWays([["/x", "x"]], "/x/")).toEqual({ kind: "none" });
  });

  it("matches each form exactly when both exist", () => {
    const rules: RouteSpec[] = [
      ["/x", "bare"],
      ["/x/", "slashed"],
    ];
    expect(matchBothWays(rules, "/x")).toEqual(match("bare"));
    expect(matchBothWays(rules, "/x/")).toEqual(match("slashed"));
  });

  it("prefers a rule that matches over a slash redirect", () => {
    const rules: RouteSpec[] = [
      ["/a/", "slashed"],
      ["/<name>", "name"],
    ];
    expect(matchBothWays(rules, "/a")).toEqual(match("name", ["a"]));
  });

  it("matches the root rule", () => {
    expect(matchBothWays([["/", "index"]], "/")).toEqual(match("index"));
  });

  it('answers "none" for an unknown path', () => {
    expect(matchBothWays([["/a/", "a"]], "/b/")).toEqual({ kind: "none" });
  });
});

describe("Matcher: empty segments", () => {
  // A rule compiled without merged slashes keeps its "//": an empty segment between two.
  const rules: RouteSpec[] = [
    ["/a//b", "double"],
    ["/a/b", "single"],
    ["/a/<name>/", "named"],
  ];

  it("matches an empty segment between two slashes only where the rule has one", () => {
    expect(matchBothWays(rules, "/a//b")).toEqual(match("double"));
    expect(matchBothWays(rules, "/a/b")).toEqual(match("single"));
    expect(matchBothWays(rules, "/a///b")).toEqual({ kind: "none" });
  });

  it("matches the empty segment after a trailing slash", () => {
    expect(matchBothWays(rules, "/a/x/")).toEqual(match("named", ["x"]));
    expect(matchBothWays(rules, "/a/x")).toEqual({ kind: "slash" });
  });
});

describe("Matcher: a path's first two static segments, found by one lookup", () => {
  it("falls back to the whole search when their state finds nothing", () => {
    const rules: RouteSpec[] = [
      ["/a/b/<int:x>", "number"],
      ["/<s>/b/c", "word"],
    ];
    expect(matchBothWays(rules, "/a/b/7")).toEqual(match("number", [7]));
    expect(matchBothWays(rules, "/a/b/c")).toEqual(match("word", ["a"]));
  });

  it("answers a slash redirect, a 405 and a lenient slash as the whole search does", () => {
    const rules: RouteSpec[] = [
      ["/a/b/", "slashed"],
      ["/a/c", "post", ["POST"]],
    ];
    expect(matchBothWays(rules, "/a/b")).toEqual({ kind: "slash" });
    expect(matchBothWays(rules, "/a/c")).toEqual({ kind: "method", allowed: ["POST"] });
    expect(matchBothWays(rules, "/a/c", "POST")).toEqual(match("post"));
  });
});

describe("Matcher: methods", () => {
  it('answers "method" with the allowed methods when the path matches for others', () => {
    const rules: RouteSpec[] = [
      ["/form/", "form", ["POST", "PUT"]],
      ["/other/", "other"],
    ];
    const result = matchBothWays(rules, "/form/");
    expect(result.kind).toBe("method");
    expect(result.kind === "method" && [...result.allowed].sort()).toEqual(["POST", "PUT"]);
  });

  it("gathers the allowed methods of every rule that matches the path", () => {
    const rules: RouteSpec[] = [
      ["/x/<int:id>", "by_int", ["DELETE"]],
      ["/x/<name>", "by_name", ["POST"]],
    ];
    const result = matchBothWays(rules, "/x/5");
    expect(result.kind === "method" && [...result.allowed].sort()).toEqual(["DELETE", "POST"]);
  });

  it("answers HEAD with a GET route", () => {
    expect(matchBothWays([["/page/", "page"]], "/page/", "HEAD")).toEqual(match("page"));
  });

  it("answers HEAD with a route of its own before the GET route", () => {
    const rules: RouteSpec[] = [
      ["/page/", "get", ["GET"]],
      ["/page/", "head", ["HEAD"]],
    ];
    expect(matchBothWays(rules, "/page/", "HEAD")).toEqual(match("head"));
  });

  it("does not let a static POST-only route hide a converter route that allows GET", () => {
    const rules: RouteSpec[] = [
      ["/users/new", "create_user", ["POST"]],
      ["/users/<id>", "user", ["GET"]],
    ];
    expect(matchBothWays(rules, "/users/new", "GET")).toEqual(match("user", ["new"]));
    expect(matchBothWays(rules, "/users/new", "POST")).toEqual(match("create_user"));
  });

  it("serves different methods of one rule from different routes", () => {
    const rules: RouteSpec[] = [
      ["/items/", "list", ["GET"]],
      ["/items/", "create", ["POST"]],
    ];
    expect(matchBothWays(rules, "/items/", "GET")).toEqual(match("list"));
    expect(matchBothWays(rules, "/items/", "POST")).toEqual(match("create"));
  });
});

describe("Matcher.add", () => {
  it("returns the route already holding the same rule and method, variable names aside", () => {
    const routes = new Matcher<Route>();
    const first = route("/a/<int:x>", "first", ["GET", "POST"]);
    expect(routes.add(first)).toBeUndefined();
    expect(routes.add(route("/a/<int:y>", "second", ["POST"]))).toEqual({
      existing: first,
      method: "POST",
    });
  });

  it("adds nothing of a route that conflicts", () => {
    const routes = new Matcher<Route>();
    routes.add(route("/a/", "first", ["POST"]));
    routes.add(route("/a/", "second", ["GET", "POST"]));
    expect(summary(routes.match("GET", "/a/"))).toEqual({ kind: "method", allowed: ["POST"] });
  });

  it("accepts the same rule with other methods", () => {
    const routes = new Matcher<Route>();
    expect(routes.add(route("/a/", "first", ["GET"]))).toBeUndefined();
    expect(routes.add(route("/a/", "second", ["POST"]))).toBeUndefined();
  });
});
