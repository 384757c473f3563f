import { afterEach, describe, expect, it } from "vitest";
import {
  allowHeader,
  type Resolution,
  repeatsHost,
  resolveRequest,
} from "../../src/core/routing/resolve.js";
import { urlMap } from "./support.js";

const endpointOf = (resolution: Resolution) =>
  resolution.kind === "route" ? resolution.route.endpoint : resolution;

const paramsOf = (resolution: Resolution) => {
  if (resolution.kind !== "route") throw new Error(`no route: ${JSON.stringify(resolution)}`);
  return resolution.params;
};

describe("resolveRequest", () => {
  describe("percent-decoding", () => {
    const map = urlMap(
      ["/café", "cafe"],
      ["/a/b", "ab"],
      ["/files/<path:file>", "file"],
      ["/tag/<name>", "tag"],
    );

    it('decodes the path before matching: "/caf%C3%A9" matches the rule "/café"', () => {
      expect(endpointOf(resolveRequest(map, "GET", "/caf%C3%A9"))).toBe("cafe");
    });

    it('decodes "%2F" to "/"', () => {
      expect(endpointOf(resolveRequest(map, "GET", "/a%2Fb"))).toBe("ab");
      expect(paramsOf(resolveRequest(map, "GET", "/files/a%2Fb"))).toEqual({ file: "a/b" });
    });

    it("decodes once only", () => {
      expect(paramsOf(resolveRequest(map, "GET", "/tag/%2541"))).toEqual({ name: "%41" });
    });

    it("gives converted values in the params", () => {
      expect(paramsOf(resolveRequest(map, "GET", "/tag/a%20b?x=1"))).toEqual({ name: "a b" });
    });

    it.each(["/tag/%zz", "/tag/%E0%A4%A", "/tag/%", "/tag/%C3"])(
      "answers a malformed escape (%s) with a 400",
      (target) => {
        expect(resolveRequest(map, "GET", target)).toEqual({ kind: "error", status: 400 });
      },
    );

    it("ignores a malformed escape in the query string", () => {
      expect(endpointOf(resolveRequest(map, "GET", "/a/b?q=%zz"))).toBe("ab");
    });
  });

  describe("the request target", () => {
    const map = urlMap(["/a/", "a"]);

    it("reduces an absolute-form target to its path", () => {
      expect(endpointOf(resolveRequest(map, "GET", "http://example.com/a/?x=1"))).toBe("a");
    });

    it.each(["*", "a/", ""])("answers a target that is not a path (%j) with a 400", (target) => {
      expect(resolveRequest(map, "GET", target)).toEqual({ kind: "error", status: 400 });
    });

    it("answers an unknown path with a 404", () => {
      expect(resolveRequest(map, "GET", "/b/")).toEqual({ kind: "error", status: 404 });
    });
  });

  describe("methods", () => {
    const map = urlMap(
      ["/form/", "form", ["POST", "GET"]],
      ["/only-post/", "only_post", ["POST"]],
      ["/page/", "page"],
    );

    it("answers a method no rule takes with a 405 and a sorted Allow including HEAD and OPTIONS", () => {
      expect(resolveRequest(map, "DELETE", "/form/")).toEqual({
        kind: "error",
        status: 405,
        allow: "GET, HEAD, OPTIONS, POST",
      });
    });

    it("adds HEAD to Allow only beside GET", () => {
      expect(resolveRequest(map, "GET", "/only-post/")).toEqual({
        kind: "error",
        status: 405,
        allow: "OPTIONS, POST",
      });
    });

    it('answers OPTIONS with kind "options" and the Allow header', () => {
      expect(resolveRequest(map, "OPTIONS", "/page/")).toEqual({
        kind: "options",
        allow: "GET, HEAD, OPTIONS",
      });
    });

    it("lets a rule claim OPTIONS", () => {
      const own = urlMap(["/cors/", "cors", ["OPTIONS"]]);
      expect(endpointOf(resolveRequest(own, "OPTIONS", "/cors/"))).toBe("cors");
    });

    it("answers HEAD with the GET route", () => {
      expect(endpointOf(resolveRequest(map, "HEAD", "/page/"))).toBe("page");
    });
  });

  describe("strict slashes", () => {
    const map = urlMap(
      ["/admin/", "admin"],
      ["/u/<name>/", "user"],
      ["/café/", "cafe"],
      ["//evil.com/", "evil"],
      ["/<name>/", "top"],
    );

    it("redirects to the slashed URL", () => {
      expect(resolveRequest(map, "GET", "/admin")).toEqual({
        kind: "redirect",
        location: "/admin/",
      });
    });

    it("keeps the query string", () => {
      expect(resolveRequest(map, "GET", "/admin?x=1&y=%20")).toEqual({
        kind: "redirect",
        location: "/admin/?x=1&y=%20",
      });
    });

    it("keeps the path as the client encoded it", () => {
      expect(resolveRequest(map, "GET", "/caf%C3%A9")).toEqual({
        kind: "redirect",
        location: "/caf%C3%A9/",
      });
    });

    it.each([
      "//evil.com",
      "//evil.com?x=1",
      "/%2Fevil.com",
      "/u/\\evil.com",
      "/u/%5Cevil.com",
      "/\\evil.com",
      "/\\\\evil.com?x=1",
      "/%5Cevil.com",
      "/%5C%5Cevil.com",
    ])("never gives a Location starting with // or /\\ (%s)", (target) => {
      const resolution = resolveRequest(map, "GET", target);
      expect(resolution.kind).toBe("redirect");
      const location = resolution.kind === "redirect" ? resolution.location : "";
      expect(location).toMatch(/^\/[^/\\]/);
      expect(location).not.toContain("\\");
    });

    it("does not redirect for a rule without the slash requested with one", () => {
      expect(resolveRequest(urlMap(["/x", "x"]), "GET", "/x/")).toEqual({
        kind: "error",
        status: 404,
      });
    });
  });

  describe("params", () => {
    afterEach(() => {
      expect(Object.prototype).not.toHaveProperty("polluted");
    });

    const map = urlMap(["/<name>/", "by_name"], ["/set/<__proto__>/<value>", "proto_rule"]);

    /** No Object.prototype in the chain: nothing inherited, nothing to pollute. */
    const inheritsNothing = (params: object) => {
      expect(params instanceof Object).toBe(false);
      expect("hasOwnProperty" in params).toBe(false);
    };

    it("live in an object that inherits nothing from Object.prototype", () => {
      inheritsNothing(paramsOf(resolveRequest(map, "GET", "/bob/")));
    });

    it.each(["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"])(
      "take a %s path segment as a plain value",
      (word) => {
        const params = paramsOf(resolveRequest(map, "GET", `/${word}/`));
        expect(params.name).toBe(word);
        expect(Object.keys(params)).toEqual(["name"]);
        inheritsNothing(params);
      },
    );

    it("keep a variable named __proto__ as an own value, polluting nothing", () => {
      const params = paramsOf(resolveRequest(map, "GET", "/set/polluted/yes"));
      expect(Object.getOwnPropertyDescriptor(params, "__proto__")?.value).toBe("polluted");
      expect(params.value).toBe("yes");
      inheritsNothing(params);
    });
  });
});

describe("allowHeader", () => {
  it.each([
    [["POST", "GET"], "GET, HEAD, OPTIONS, POST"],
    [["PUT"], "OPTIONS, PUT"],
    [["GET", "HEAD", "OPTIONS"], "GET, HEAD, OPTIONS"],
    [[], "OPTIONS"],
  ])("writes %j as %j", (methods, header) => {
    expect(allowHeader(methods)).toBe(header);
  });
});

describe("repeatsHost", () => {
  it("is false for one Host line, in any case, among other headers", () => {
    expect(repeatsHost(["Host", "a.example", "Accept", "*/*"])).toBe(false);
    expect(repeatsHost(["accept", "*/*", "HOST", "a.example"])).toBe(false);
    expect(repeatsHost([])).toBe(false);
  });

  it("is true for two Host lines, whatever their case and values", () => {
    expect(repeatsHost(["host", "a.example", "Host", "b.example"])).toBe(true);
    expect(repeatsHost(["Host", "same", "x-a", "1", "hOsT", "same"])).toBe(true);
  });

  it("makes the request a 400 before any route is matched", () => {
    const map = urlMap(["/a", "a"]);
    expect(resolveRequest(map, "GET", "/a", ["Host", "x", "Host", "y"])).toEqual({
      kind: "error",
      status: 400,
    });
    expect(endpointOf(resolveRequest(map, "GET", "/a", ["Host", "x"]))).toBe("a");
  });
});
