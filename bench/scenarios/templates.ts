// Scenarios 5 and 9: a module page extending a root template, rendered alone and over HTTP.
import { join } from "node:path";
import { MicroServicesApp } from "microservices-app";
import nunjucks from "nunjucks";
import { type AppShape, generateApp, moduleNames, PAGE_CONTEXT } from "../lib/generate.js";
import { comparePair, pairOf } from "../lib/http-pair.js";
import { compareOperations } from "../lib/micro.js";
import { type Row, row } from "../lib/report.js";
import type { Settings } from "../lib/settings.js";
import { TARGETS } from "../lib/targets.js";
import { pagePath } from "../servers/template.js";
import { quietLogger } from "../servers/types.js";

const TWENTY: AppShape = { modules: 20, routesPerModule: 1, templates: true };

/** Scenario 5: the page rendered alone, through 20 modules' folders vs plain Nunjucks. */
export async function layeredTemplateScenario(settings: Settings, log: (row: Row) => void) {
  const root = generateApp("templates-20", TWENTY);
  const app = new MicroServicesApp(root, { logger: quietLogger });
  await app.registerUrls(moduleNames(TWENTY));
  const last = `m${TWENTY.modules - 1}`;
  // Plain Nunjucks as its docs set it up: one environment on one folder, compiled templates cached.
  const plain = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(join(root, "plain-templates")),
    { autoescape: true },
  );
  const ours = () => app.renderTemplate("page.html", PAGE_CONTEXT, last);
  const theirs = () => plain.render("page.html", PAGE_CONTEXT);
  if (ours() !== theirs()) throw new Error("The two sides render the page differently.");
  const rendered = compareOperations(ours, theirs, settings);
  log(
    row(
      "5",
      "templates, 20 modules' folders vs one folder",
      "renders/s",
      rendered,
      TARGETS.templates,
    ),
  );
}

/** Scenario 9: the page over HTTP on each host, vs the host's own Nunjucks integration. */
export async function templatePageScenarios(settings: Settings, log: (row: Row) => void) {
  const options = { root: generateApp("templates-20", TWENTY), shape: TWENTY };
  const hosts = [
    ["Express host vs res.render + Nunjucks", "ours-express", "express"],
    ["Fastify host vs @fastify/view + Nunjucks", "ours-fastify", "fastify"],
  ] as const;
  for (const [name, oursVariant, theirsVariant] of hosts) {
    const measured = await comparePair(
      pairOf("template", oursVariant, theirsVariant, options, pagePath(TWENTY.modules)),
      settings,
    );
    log(row("9", `template page, ${name}`, "req/s", measured, TARGETS.templatePage));
  }
}
