import {
  BuildError,
  DuplicateEndpoint,
  DuplicateRoute,
  InvalidModule,
  InvalidModulePath,
  InvalidResponse,
  InvalidURLFunction,
  InvalidURLName,
  InvalidURLPattern,
  InvalidURLRule,
  MicroServicesError,
  ModuleNotFound,
  TemplateNotFound,
  UnspecifiedURLMethods,
} from "microservices-app";
import { describe, expect, it } from "vitest";

describe("error classes", () => {
  it.each([
    ["InvalidModulePath", new InvalidModulePath("modules", "/app/modules")],
    ["InvalidURLFunction", new InvalidURLFunction("/", "x")],
    ["InvalidURLName", new InvalidURLName("/", "", "reason")],
    ["InvalidURLPattern", new InvalidURLPattern("the app", 0, null)],
    ["InvalidURLRule", new InvalidURLRule("x", "reason")],
    ["UnspecifiedURLMethods", new UnspecifiedURLMethods("/", [], "reason")],
    ["ModuleNotFound", new ModuleNotFound("forum", ["/app/modules/forum/index.ts"], ["home"])],
    ["InvalidModule", new InvalidModule("x", "reason")],
    ["DuplicateEndpoint", new DuplicateEndpoint("home.x", ["/a", "/b"])],
    ["DuplicateRoute", new DuplicateRoute("/a", "GET", "a", "b")],
    ["BuildError", new BuildError("x", "GET", { kind: "missing-values", missing: ["id"] })],
    ["TemplateNotFound", new TemplateNotFound("a.html", ["/t"])],
    ["InvalidResponse", new InvalidResponse("x", 1)],
  ])("%s is a MicroServicesError named after its class", (name, error) => {
    expect(error).toBeInstanceOf(MicroServicesError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
  });

  it("BuildError lists several missing values", () => {
    expect(
      new BuildError("forum.post", "GET", { kind: "missing-values", missing: ["year", "slug"] })
        .message,
    ).toBe(
      "Could not build url for endpoint 'forum.post' ('GET'). Did you forget to specify values ['year', 'slug']?",
    );
  });

  it("ModuleNotFound names the file tried and the modules that exist", () => {
    expect(
      new ModuleNotFound("forum", ["/app/modules/forum/index.ts"], ["admin", "home"]).message,
    ).toBe(
      'Module "forum" not found: tried /app/modules/forum/index.ts. Modules that exist: admin, home.',
    );
  });

  it("InvalidModulePath gives the absolute folder expected", () => {
    expect(new InvalidModulePath("nope", "/app/nope").message).toBe(
      'Modules folder "nope" does not exist: expected the folder /app/nope. Create it, or pass the right folder as the second argument of registerUrls().',
    );
  });

  it("TemplateNotFound lists the folders searched, in order", () => {
    expect(new TemplateNotFound("main.html", ["/m/templates", "/app/templates"]).message).toBe(
      'Template "main.html" not found. Searched, in order:\n  1. /m/templates\n  2. /app/templates\nAdd the file to one of these folders, or fix the name.',
    );
  });
});
