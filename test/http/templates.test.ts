import { join } from "node:path";
import { TemplateNotFound } from "microservices-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { fixture, type Served, serve } from "../helpers/serve.js";

const root = fixture("templates");
const folders = {
  alpha: join(root, "modules", "alpha", "templates"),
  beta: join(root, "modules", "beta", "templates"),
  root: join(root, "templates"),
};

describe.each(HOSTS)("templates ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "templates", { modules: ["alpha", "beta"] });
  });
  afterAll(() => served.close());

  const page = async (path: string) => {
    const response = await served.fetch(path);
    return { status: response.status, body: (await response.text()).trim() };
  };

  describe("search order", () => {
    it("renders a module's own template when two modules ship the same name", async () => {
      expect(await page("/alpha/")).toEqual({ status: 200, body: "alpha main.html" });
      expect(await page("/beta/")).toEqual({ status: 200, body: "beta main.html" });
    });

    it("finds a template of another enabled module, then of the root", async () => {
      expect((await page("/alpha/beta-only/")).body).toBe("beta only, rendered for module=alpha");
      expect((await page("/alpha/only-root/")).body).toBe("only in the root, module=alpha");
    });

    it("lets a module template extend a root one, and include by the same order", async () => {
      const { status, body } = await page("/alpha/child/");
      expect(status).toBe(200);
      // base.html is only in the root; partials/footer.html is in beta (searched before the root).
      // The footer's final newline is dropped, as Jinja2 (keep_trailing_newline=False) drops it.
      expect(body).toBe(
        "<html><title>alpha child</title><body>alpha body <footer>beta footer</footer></body></html>",
      );
    });
  });

  describe("globals and escaping", () => {
    it("gives url_for (relative and absolute, with keyword params), module and request", async () => {
      expect((await page("/alpha/globals/")).body).toBe(
        "module=alpha url=/alpha/ abs=/alpha/ thread=/beta/items/7/?page=2 path=/alpha/globals/",
      );
    });

    it("escapes values by default", async () => {
      expect((await page("/alpha/escape/")).body).toBe(
        "&lt;script&gt;alert(1)&lt;/script&gt;|<script>alert(1)</script>",
      );
    });
  });

  describe("errors", () => {
    it("is a 500 that shows nothing of the server when a template is missing, and logs the folders searched", async () => {
      const { status, body } = await page("/alpha/missing/");
      expect(status).toBe(500);
      expect(body).toContain("500 Internal Server Error");
      expect(body).not.toContain("nowhere.html");
      expect(body).not.toContain(root);
      const logged = served.logger.lines.find((line) => line.includes("nowhere.html")) ?? "";
      expect(logged).toContain("failed with a 500: TemplateNotFound");
      const error = served.logger.errors.at(-1);
      expect(error).toBeInstanceOf(TemplateNotFound);
      expect((error as TemplateNotFound).searched).toEqual([
        `module "alpha": ${folders.alpha}`,
        `module "beta": ${folders.beta}`,
        `app: ${folders.root}`,
      ]);
      expect((error as Error).message).toContain(
        `Searched, in order:\n  1. module "alpha": ${folders.alpha}`,
      );
    });

    it("refuses a template name that climbs out of the folders", async () => {
      const { status, body } = await page("/alpha/climb/");
      expect(status).toBe(500);
      expect(body).not.toContain("SECRET");
      expect((served.logger.errors.at(-1) as Error).message).toContain(
        "may not climb out of the template folders",
      );
    });

    it("is a 500 for a template with a syntax error, and the server keeps serving", async () => {
      expect((await page("/alpha/broken/")).status).toBe(500);
      expect((await page("/alpha/")).status).toBe(200);
    });
  });

  describe("outside a request", () => {
    it("searches the modules in enabled order, then the root", async () => {
      const app = host.create(root) as unknown as {
        renderTemplate(name: string): string;
      } & typeof served.app;
      await app.registerUrls(["beta", "alpha"]);
      expect(app.renderTemplate("main.html").trim()).toBe("beta main.html");
      expect(app.renderTemplate("only-root.html").trim()).toBe("only in the root, module=");
      expect(() => app.renderTemplate("nowhere.html")).toThrow(TemplateNotFound);
    });
  });

  describe("explainTemplateLoading", () => {
    it("logs every folder tried, numbered, and warns when several have the template", async () => {
      const explained = await serve(host, "templates", {
        modules: ["alpha", "beta"],
        options: { explainTemplateLoading: true },
      });
      try {
        await explained.fetch("/beta/");
        const log =
          explained.logger.lines.find((line) => line.includes("Locating template 'main.html'")) ??
          "";
        expect(log).toBe(
          [
            "info: Locating template 'main.html':",
            `  1. module "beta": ${folders.beta} -> found (${join(folders.beta, "main.html")})`,
            `  2. module "alpha": ${folders.alpha} -> found (${join(folders.alpha, "main.html")})`,
            `  3. app: ${folders.root} -> found (${join(folders.root, "main.html")})`,
            "Warning: 3 folders have 'main.html'; the first one wins (the order above).",
          ].join("\n"),
        );
        await explained.fetch("/alpha/only-root/");
        const single =
          explained.logger.lines.find((line) => line.includes("'only-root.html'")) ?? "";
        expect(single).toContain(`1. module "alpha": ${folders.alpha} -> no match`);
        expect(single).toContain(`3. app: ${folders.root} -> found`);
        expect(single).not.toContain("Warning");
      } finally {
        await explained.close();
      }
    });
  });
});
