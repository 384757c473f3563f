import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCommand } from "../../src/cli/check.js";
import { CliError } from "../../src/cli/io.js";
import { loadApp } from "../../src/cli/load-app.js";
import { newCommand } from "../../src/cli/new.js";
import { routesCommand } from "../../src/cli/routes.js";
import { startModuleCommand } from "../../src/cli/startmodule.js";
import { captureIO, ROOT } from "../helpers/cli.js";
import { fixture } from "../helpers/serve.js";

const EXAMPLES = [
  ["express", "example/app.ts"],
  ["fastify", "example/app-fastify.ts"],
] as const;

/** A new empty folder in test/.scratch/ (inside the package, so "microservices-app" resolves). */
function scratchFolder(name: string): string {
  const scratch = join(ROOT, "test", ".scratch");
  mkdirSync(scratch, { recursive: true });
  return mkdtempSync(join(scratch, `${name}-`));
}

describe.each(EXAMPLES)("routes on the example (%s)", (_host, appFile) => {
  it("lists every route, static routes included, as a table", async () => {
    const io = captureIO(ROOT);
    expect(await routesCommand(["--app", appFile], io)).toBe(0);
    const lines = io.stdout().split("\n");
    expect(lines[0]).toMatch(/^Endpoint\s+Methods\s+Rule\s+Module$/);
    expect(lines[1]).toMatch(/^-+ {2}-+ {2}-+ {2}-+$/);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^admin\.role_edit\s+GET, POST\s+\/admin\/roles\/<int:role_id>\/edit\/\s+admin$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^static\s+GET\s+\/static\/<path:filename>\s+\(app\)$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^home\.static\s+GET\s+\/static_home\/<path:filename>\s+home$/),
    );
    expect(lines).toHaveLength(2 + 18);
  });

  it("gives JSON, sorted by rule", async () => {
    const io = captureIO(ROOT);
    await routesCommand(["--app", appFile, "--json", "--sort", "rule"], io);
    const rows = JSON.parse(io.stdout()) as {
      endpoint: string;
      rule: string;
      module: string | null;
    }[];
    expect(rows.map((row) => row.rule)).toEqual(
      rows.map((row) => row.rule).sort((a, b) => a.localeCompare(b)),
    );
    expect(rows[0]).toEqual({
      endpoint: "home.index",
      methods: ["GET"],
      rule: "/",
      module: "home",
    });
  });

  it("sorts by module", async () => {
    const io = captureIO(ROOT);
    await routesCommand(["--app", appFile, "--json", "--sort", "module"], io);
    const modules = (JSON.parse(io.stdout()) as { module: string | null }[]).map(
      (row) => row.module ?? "",
    );
    expect(modules).toEqual([...modules].sort());
  });

  it("refuses an unknown sort key, saying which there are", async () => {
    await expect(
      routesCommand(["--app", appFile, "--sort", "size"], captureIO(ROOT)),
    ).rejects.toThrow('--sort takes one of endpoint, rule, module, not "size".');
  });

  it("check finds no problem in the example", async () => {
    const io = captureIO(ROOT);
    expect(await checkCommand(["--app", appFile], io)).toBe(0);
    expect(io.stdout()).toBe("No problems found (4 modules, 18 routes, 16 templates).");
  });
});

describe("loading the app", () => {
  it("finds app.ts in the current folder and calls its createApp", async () => {
    const io = captureIO(fixture("cli-problems"));
    expect(await routesCommand(["--json"], io)).toBe(0);
    expect(JSON.parse(io.stdout())).toHaveLength(4);
  });

  it("says where it looked when there is no app file", async () => {
    await expect(routesCommand([], captureIO(fixture("seed")))).rejects.toThrow(
      /No app file in .*seed\/?: looked for app\.ts, app\.js, app\.mjs, src\/app\.ts, src\/app\.js\./,
    );
  });

  it("says which exports it tried when none makes an app", async () => {
    const folder = scratchFolder("no-export");
    writeFileSync(join(folder, "app.ts"), "export const nothing = 1;\n");
    await expect(loadApp({ file: join(folder, "app.ts"), exportName: undefined })).rejects.toThrow(
      /exports none of createApp, app, default/,
    );
  });
});

describe("check", () => {
  it("reports every template problem at once, with file and line, and exits 1", async () => {
    const io = captureIO(fixture("cli-problems"));
    expect(await checkCommand([], io)).toBe(1);
    expect(io.stderr().split("\n")).toEqual([
      "5 problems found (1 modules, 4 routes, 3 templates):",
      "  modules/shop/templates/shop/item.html: does not compile: parseIf: expected elif, else, or endif, got end of file",
      "  modules/shop/templates/shop/list.html:4: url_for('shop.itme'): Could not build url for endpoint 'shop.itme'. Did you mean 'shop.item' instead?",
      "  modules/shop/templates/shop/list.html:5: url_for('.item') misses the values 'item_id' of the rule '/shop/<int:item_id>/': add item_id=....",
      "  modules/shop/templates/shop/list.html:7: url_for('static'): no static folder has 'missing.css' (searched modules/shop/static, static).",
      "  templates/base.html:3: url_for('nowhere'): Could not build url for endpoint 'nowhere'. Did you mean 'shop.item' instead?",
    ]);
  });

  it("reports every module that fails to import, each with its file and line", async () => {
    const io = captureIO(fixture("cli-broken"));
    expect(await checkCommand([], io)).toBe(1);
    const lines = io.stderr().split("\n");
    expect(lines[0]).toBe("The app did not load; 2 problems:");
    expect(lines[1]).toMatch(
      /^ {2}modules\/beta\/index\.ts:5: InvalidURLRule: Invalid url rule "\/beta\/<int:id\/"/,
    );
    expect(lines[2]).toMatch(
      /^ {2}modules\/gamma\/index\.ts:5: InvalidModule: .*importing it threw Error: gamma needs a database URL/,
    );
  });
});

describe("startmodule", () => {
  it("writes a module that serves its page once enabled, and prints how to enable it", async () => {
    const folder = scratchFolder("startmodule");
    writeFileSync(join(folder, "app.ts"), "export {};\n");
    mkdirSync(join(folder, "templates"));
    writeFileSync(
      join(folder, "templates", "base.html"),
      "<main>{% block content %}{% endblock %}</main>\n",
    );
    const io = captureIO(folder);
    expect(await startModuleCommand(["blog"], io)).toBe(0);
    for (const file of ["index.ts", "urls.ts", "views.ts", "templates/blog/index.html"]) {
      expect(existsSync(join(folder, "modules", "blog", file))).toBe(true);
    }
    expect(existsSync(join(folder, "modules", "blog", "static"))).toBe(true);
    expect(io.stdout()).toContain('await app.registerUrls([..., "blog"]);');
    const { MicroServicesApp } = await import("microservices-app");
    const app = new MicroServicesApp(folder);
    await app.registerUrls(["blog"]);
    const response = await app.inject({ url: "/blog/" });
    expect(response.status).toBe(200);
    expect(response.body).toContain("<h1>blog</h1>");
    expect(response.body).toContain("served by\n<code>/blog/</code>");
  });

  it("refuses a name that cannot be a module, and an existing folder", async () => {
    const folder = scratchFolder("startmodule-refused");
    await expect(startModuleCommand(["my-blog"], captureIO(folder))).rejects.toThrow(
      /"my-blog" is not a module name: start with a letter, then letters, digits or '_'/,
    );
    mkdirSync(join(folder, "modules", "shop"), { recursive: true });
    await expect(startModuleCommand(["shop"], captureIO(folder))).rejects.toBeInstanceOf(CliError);
    expect(existsSync(join(folder, "modules", "shop", "index.ts"))).toBe(false);
  });
});

describe.each(["express", "fastify"])("new --host %s", (host) => {
  it("writes an ESM project with its scripts, a layout, a module and a test", async () => {
    const parent = scratchFolder("new");
    const io = captureIO(parent);
    expect(await newCommand(["site", "--host", host], io)).toBe(0);
    const site = join(parent, "site");
    const manifest = JSON.parse(readFileSync(join(site, "package.json"), "utf8"));
    expect(manifest.type).toBe("module");
    expect(Object.keys(manifest.scripts)).toEqual(
      expect.arrayContaining(["dev", "build", "start", "test"]),
    );
    expect(manifest.scripts.start).toBe("node dist/app.js");
    expect(manifest.dependencies["microservices-app"]).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect("fastify" in manifest.dependencies).toBe(host === "fastify");
    for (const file of [
      "tsconfig.json",
      ".gitignore",
      "app.ts",
      "templates/base.html",
      "static/site.css",
      "modules/home/index.ts",
      "modules/home/templates/home/index.html",
      "test/app.test.ts",
    ]) {
      expect(existsSync(join(site, file)), file).toBe(true);
    }
    const appSource = readFileSync(join(site, "app.ts"), "utf8");
    expect(appSource).toContain(
      `from "${host === "fastify" ? "microservices-app/fastify" : "microservices-app"}"`,
    );
    // The project's own app serves its home page through the test client; its dependency on
    // this package is this repository, as npm install would link it.
    mkdirSync(join(site, "node_modules"));
    symlinkSync(ROOT, join(site, "node_modules", "microservices-app"), "dir");
    const app = await loadApp({ file: join(site, "app.ts"), exportName: undefined });
    const response = await app.inject({ url: "/" });
    expect(response.status).toBe(200);
    expect(response.body).toContain("<h1>home</h1>");
    expect(response.body).toContain('<link rel="stylesheet" href="/static/site.css">');
    expect(io.stdout()).toContain("npm install\n  npm run dev");
  });

  it("refuses a folder that is not empty", async () => {
    const parent = scratchFolder("new-refused");
    mkdirSync(join(parent, "site"));
    writeFileSync(join(parent, "site", "keep.txt"), "mine");
    await expect(newCommand(["site", "--host", host], captureIO(parent))).rejects.toThrow(
      /site is not empty; nothing was written/,
    );
  });
});
