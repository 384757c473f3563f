import { join } from "node:path";
import { TemplateNotFound, url } from "microservices-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { fixture, type Served, serve } from "../helpers/serve.js";

const root = fixture("jinja-flask");

// Templates written for Flask, served: the Flask globals and filters a page uses, on each host.
describe.each(HOSTS)("Flask's template globals and filters ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "jinja-flask", {
      modules: ["shop"],
      appUrls: [url("/mail/", () => "mail", "mail")],
      options: { serverName: "shop.example" },
    });
  });
  afterAll(() => served.close());

  const page = async (path: string) => {
    const response = await served.fetch(path);
    return { status: response.status, body: await response.text() };
  };

  it("builds an absolute URL for url_for(..., _external=True), on serverName when it is set", async () => {
    expect(await page("/shop/external/")).toEqual({
      status: 200,
      body: "http://shop.example/shop/items/3/|/shop/items/3/",
    });
  });

  it("prints tojson HTML-safe, as Flask's htmlsafe_json_dumps does, so data cannot close the script", async () => {
    const { status, body } = await page("/shop/data/");
    expect(status).toBe(200);
    expect(body).toBe(
      '<script>var data = {"amp": "a\\u0026b", "html": "\\u003c/script\\u003e\\u003cscript\\u003ealert(\\u0027x\\u0027)\\u003c/script\\u003e", "list": [1, true, null]};</script>',
    );
    expect(body.match(/<\/script>/g)).toHaveLength(1);
  });

  it("gives url_for and request to macros imported with import and from ... import", async () => {
    expect(await page("/shop/macros/")).toEqual({
      status: 200,
      body: '<a href="/shop/items/5/">/shop/macros/</a>|<a href="/shop/items/6/">/shop/macros/</a>',
    });
  });

  it("renders nothing for an include of a missing template with ignore missing", async () => {
    expect(await page("/shop/optional/")).toEqual({ status: 200, body: "[]" });
  });

  it("is a 500 for a plain include of a missing template, logging TemplateNotFound with the folders searched", async () => {
    const { status, body } = await page("/shop/required/");
    expect(status).toBe(500);
    expect(body).not.toContain("nowhere.html");
    const error = served.logger.errors.at(-1);
    expect(error).toBeInstanceOf(TemplateNotFound);
    expect((error as TemplateNotFound).searched).toEqual([
      `module "shop": ${join(root, "modules", "shop", "templates")}`,
      `app: ${join(root, "templates")}`,
    ]);
  });

  it("gives config (the app's public options, not its folder) and request", async () => {
    expect(await page("/shop/globals/?q=1")).toEqual({
      status: 200,
      body: "False shop.example /static False GET /shop/globals/?q=1 shop",
    });
  });

  it("builds an absolute URL outside a request from the serverName option", () => {
    const app = served.app as unknown as { renderTemplate(name: string): string };
    expect(app.renderTemplate("mail.html")).toBe("http://shop.example/mail/");
  });
});
