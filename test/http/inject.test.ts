import { url } from "microservices-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS, type TestApp } from "../helpers/hosts.js";
import { fixture } from "../helpers/serve.js";

interface Injectable extends TestApp {
  inject(options: {
    method?: string;
    url: string;
    headers?: Record<string, string>;
    body?: unknown;
  }): Promise<{
    status: number;
    headers: Record<string, string | string[]>;
    body: string;
    json(): unknown;
  }>;
}

describe.each(HOSTS)("app.inject, a test client without a port ($name)", (host) => {
  let app: Injectable;
  beforeAll(async () => {
    app = host.create(fixture("seed")) as Injectable;
    app.addUrls([
      url(
        "/echo/",
        (req: { method: string; headers: Record<string, unknown> }) => ({
          method: req.method,
          agent: req.headers["x-agent"],
        }),
        { name: "echo", methods: ["GET", "POST"] },
      ),
    ]);
    await app.registerUrls(["home"]);
  });
  afterAll(() => app.close());

  it("renders a module's page, with its headers", async () => {
    const response = await app.inject({ url: "/" });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.body).toContain("Home (home module template)");
  });

  it("serves static files and 404s as a server does", async () => {
    expect((await app.inject({ url: "/static/a.txt" })).body.trim()).toBe("root a");
    expect((await app.inject({ url: "/nope/" })).status).toBe(404);
  });

  it("sends the method and headers, and parses a JSON answer", async () => {
    const response = await app.inject({
      method: "post",
      url: "/echo/",
      headers: { "x-agent": "test", "content-type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.json()).toEqual({ method: "POST", agent: "test" });
  });
});
