import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where generated apps live: inside the package, so their modules resolve "microservices-app". */
const GENERATED = fileURLToPath(new URL("../.generated/", import.meta.url));

/** The shape of a generated app: `modules` modules of `routesPerModule` routes each. */
export interface AppShape {
  readonly modules: number;
  readonly routesPerModule: number;
  /** Files put in each module's static folder (none by default). */
  readonly moduleStatic?: boolean;
  /** A module template extending a root one, in the last module (none by default). */
  readonly templates?: boolean;
  /** A beforeRequest and an afterRequest hook on each module (scenario 11). */
  readonly hooks?: boolean;
  /** A JSON POST route validated by a Zod schema in each module (scenario 12). */
  readonly jsonSchema?: boolean;
}

/** The header each module's afterRequest hook sets, and the plain side's onSend sets. */
export const HOOK_HEADER = ["x-module", "m0"] as const;

/** The JSON body scenario 12 posts, and the path it posts it to in module m0. */
export const ITEM_BODY = JSON.stringify({ title: "A new thread", count: 3 });
export const itemsPath = (module: number): string => `/m${module}/items/`;

/** The module names of a shape: m0, m1, ... */
export const moduleNames = (shape: AppShape): string[] =>
  Array.from({ length: shape.modules }, (_, index) => `m${index}`);

/** The rule of route `route` in module `module`, in both syntaxes. */
export const ruleOf = (module: number, route: number) => ({
  ours: `/m${module}/r${route}/<int:id>/`,
  plain: `/m${module}/r${route}/:id/`,
});

/** The path that hits the route registered last, the worst case for a linear router. */
export const lastRoutePath = (shape: AppShape): string =>
  `/m${shape.modules - 1}/r${shape.routesPerModule - 1}/42/`;

/** The page every template scenario renders: a module template that extends a root one. */
export const PAGE_TEMPLATE = `{% extends "base.html" %}
{% block title %}Board {{ board }}{% endblock %}
{% block content %}<ul>{% for thread in threads %}<li>{{ thread.title }} ({{ thread.replies }})</li>{% endfor %}</ul>{% endblock %}
`;
export const BASE_TEMPLATE = `<!doctype html>
<html><head><title>{% block title %}{% endblock %}</title></head>
<body><h1>Forum</h1>{% block content %}{% endblock %}<footer>microservices-app</footer></body></html>`;
/** The context of that page, the same on every side. */
export const PAGE_CONTEXT = {
  board: "general",
  threads: Array.from({ length: 10 }, (_, index) => ({
    title: `Thread <${index}>`,
    replies: index * 3,
  })),
};

/** The file every static scenario serves, from the root static folder. */
export const STATIC_FILE = "site.css";
const STATIC_BODY = `body { font-family: sans-serif; }\n`.repeat(30);

function moduleSource(shape: AppShape, module: number): string {
  const urls = Array.from({ length: shape.routesPerModule }, (_, route) => {
    return `  url(${JSON.stringify(ruleOf(module, route).ours)}, show, "r${route}"),`;
  });
  const page =
    shape.templates && module === shape.modules - 1
      ? `  url("/m${module}/page/", () => render("page.html", PAGE_CONTEXT), "page"),\n`
      : "";
  const items = shape.jsonSchema
    ? `  url(${JSON.stringify(itemsPath(module))}, (req) => ({ title: req.json.title, count: req.json.count }), { name: "items", methods: ["POST"], json: ITEM }),\n`
    : "";
  // A hook that lets every request through after a look at a header, and one that adds a header.
  const hooks = shape.hooks
    ? `blueprint.beforeRequest((req) => (req.headers["x-blocked"] ? ["blocked", 403] : undefined));
blueprint.afterRequest((response) => {
  response.headers.set(${JSON.stringify(HOOK_HEADER[0])}, "m${module}");
});
`
    : "";
  // Only the modules that use Zod import it: start-up (7) times the modules' imports.
  const schema = shape.jsonSchema
    ? `import { z } from "zod";\n\nconst ITEM = z.object({ title: z.string().min(1), count: z.number().int().min(0) });\n`
    : "";
  return `import { Router, render, url } from "microservices-app";
import { PAGE_CONTEXT } from "../../context.js";
${schema}
export const blueprint = Router.createBlueprint("m${module}", import.meta.url);
const show = (req) => ({ id: req.params.id });
${hooks}blueprint.registerUrls([
${urls.join("\n")}
${page}${items}]);
`;
}

/**
 * The plain Express side of a module, as Express's routing guide writes one (its `birds.js`):
 * a file exporting an `express.Router` with the module's routes, one handler for them all as
 * ours has one view. The memory line loads these, so that both sides import 100 files.
 */
function plainModuleSource(shape: AppShape, module: number): string {
  const routes = Array.from({ length: shape.routesPerModule }, (_, route) => {
    const path = ruleOf(module, route).plain.slice(`/m${module}`.length);
    return `router.get(${JSON.stringify(path)}, show);`;
  });
  return `import express from "express";

export const router = express.Router();
const show = (req, res) => {
  res.json({ id: Number(req.params.id) });
};
${routes.join("\n")}
`;
}

/**
 * Writes an app of real folders under bench/.generated/<name>/: modules/m<i>/index.js with
 * their routes, a root static/ and templates/, and (by shape) module static and templates;
 * and plain-modules/m<i>.js, the same routes as Express routers.
 * @example const root = generateApp("routing-1000", { modules: 20, routesPerModule: 50 });
 */
export function generateApp(name: string, shape: AppShape): string {
  const root = join(GENERATED, name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, "static"), { recursive: true });
  mkdirSync(join(root, "templates"), { recursive: true });
  writeFileSync(join(root, "static", STATIC_FILE), STATIC_BODY);
  writeFileSync(join(root, "templates", "base.html"), BASE_TEMPLATE);
  writeFileSync(
    join(root, "context.js"),
    `export const PAGE_CONTEXT = ${JSON.stringify(PAGE_CONTEXT)};\n`,
  );
  for (let module = 0; module < shape.modules; module += 1) {
    const folder = join(root, "modules", `m${module}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "index.js"), moduleSource(shape, module));
    mkdirSync(join(root, "plain-modules"), { recursive: true });
    writeFileSync(join(root, "plain-modules", `m${module}.js`), plainModuleSource(shape, module));
    if (shape.moduleStatic) {
      mkdirSync(join(folder, "static", "img"), { recursive: true });
      writeFileSync(join(folder, "static", `m${module}.css`), STATIC_BODY);
      writeFileSync(join(folder, "static", "img", `m${module}.txt`), "image");
    }
    if (shape.templates) {
      mkdirSync(join(folder, "templates"), { recursive: true });
      writeFileSync(join(folder, "templates", `m${module}.html`), "module page");
    }
  }
  if (shape.templates) {
    const last = join(root, "modules", `m${shape.modules - 1}`, "templates", "page.html");
    writeFileSync(last, PAGE_TEMPLATE);
    // The plain side's one folder holds the same two templates.
    mkdirSync(join(root, "plain-templates"), { recursive: true });
    writeFileSync(join(root, "plain-templates", "page.html"), PAGE_TEMPLATE);
    writeFileSync(join(root, "plain-templates", "base.html"), BASE_TEMPLATE);
  }
  return root;
}
