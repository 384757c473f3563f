import { DuplicateEndpoint, DuplicateRoute } from "microservices-app";
import { describe, expect, it } from "vitest";
import { UrlMap } from "../../src/core/routing/url-map.js";
import { type RouteSpec, route, thrown, urlMap } from "./support.js";

describe("UrlMap", () => {
  describe("DuplicateRoute", () => {
    it.each<[string, RouteSpec, RouteSpec, string, string]>([
      ["the same rule and method", ["/about/", "about"], ["/about/", "info"], "GET", "/about/"],
      [
        "the same rule with other variable names",
        ["/a/<int:x>", "first"],
        ["/a/<int:y>", "second"],
        "GET",
        "/a/<int:y>",
      ],
      [
        "<name> and <string:name>",
        ["/u/<name>", "first"],
        ["/u/<string:other>", "second"],
        "GET",
        "/u/<string:other>",
      ],
      [
        "two path rules",
        ["/f/<path:a>/edit", "first"],
        ["/f/<path:b>/edit", "second"],
        "GET",
        "/f/<path:b>/edit",
      ],
      [
        "one shared method among several",
        ["/form/", "first", ["GET", "POST"]],
        ["/form/", "second", ["PUT", "POST"]],
        "POST",
        "/form/",
      ],
    ])("is raised for %s, naming both endpoints", (_, first, second, method, rule) => {
      const call = () => urlMap(first, second);
      expect(call).toThrow(DuplicateRoute);
      expect(call).toThrow(
        `Route ${method} "${rule}" is registered twice: by endpoint '${first[1]}' and by endpoint '${second[1]}'. Remove one, or change its rule or methods.`,
      );
      expect(thrown(call)).toMatchObject({
        rule,
        method,
        existing: first[1],
        duplicate: second[1],
      });
    });

    it("is not raised for the same rule with different methods", () => {
      const map = urlMap(["/items/", "list", ["GET"]], ["/items/", "create", ["POST"]]);
      expect(map.endpoints()).toEqual(["list", "create"]);
    });

    it("leaves the map as it was", () => {
      const map = urlMap(["/about/", "about"]);
      expect(() => map.add(route("/about/", "info"))).toThrow(DuplicateRoute);
      expect(map.endpoints()).toEqual(["about"]);
      expect(map.get("info")).toBeUndefined();
    });
  });

  it("refuses a second route with the same endpoint as DuplicateEndpoint", () => {
    const call = () => urlMap(["/a/", "same"], ["/b/", "same"]);
    expect(call).toThrow(DuplicateEndpoint);
    expect(call).toThrow(`Endpoint 'same' is defined twice: by "/a/" and by "/b/".`);
  });

  it("finds routes by endpoint and lists them in registration order", () => {
    const map = new UrlMap();
    const about = route("/about/", "about");
    const home = route("/", "home");
    map.add(about);
    map.add(home);
    expect(map.get("about")).toBe(about);
    expect(map.endpoints()).toEqual(["about", "home"]);
    expect(map.routes).toEqual([about, home]);
  });
});
