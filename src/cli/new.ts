import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { packageFile } from "../core/package-location.js";
import { CliError, type CliIO } from "./io.js";
import { copyScaffold } from "./scaffold.js";

interface OwnPackage {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
}

/** This package's manifest: its version, and the versions of the tools a project gets. */
const ownPackage = (): OwnPackage =>
  JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as OwnPackage;

const HOSTS = {
  express: { import: "microservices-app", name: "Express 5" },
  fastify: { import: "microservices-app/fastify", name: "Fastify 5" },
} as const;

/** The new project's package.json: ESM, the scripts, and what they need. */
function projectManifest(name: string, host: keyof typeof HOSTS, library: string): string {
  const own = ownPackage();
  const version = (dependency: string) =>
    own.dependencies[dependency] ??
    own.devDependencies[dependency] ??
    own.peerDependencies[dependency] ??
    "*";
  const manifest = {
    name,
    version: "0.1.0",
    private: true,
    type: "module",
    engines: { node: ">=20.19" },
    scripts: {
      dev: "microservices-app dev",
      build: "microservices-app build",
      start: "node dist/app.js",
      test: "tsx --test test/*.test.ts",
      check: "microservices-app check",
      routes: "microservices-app routes",
      types: "microservices-app types",
      typecheck: "tsc",
    },
    dependencies: {
      "microservices-app": library,
      ...(host === "fastify" ? { fastify: version("fastify") } : {}),
    },
    devDependencies: {
      "@types/node": version("@types/node"),
      tsx: version("tsx"),
      typescript: version("typescript"),
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * `microservices-app new <dir> [--host express|fastify]`: a project that runs with
 * `npm install && npm run dev` (Django's `startproject`, `nest new`): an ESM package, a
 * tsconfig, the scripts, a root layout, one module and one test. `--library` is the version
 * spec of microservices-app to depend on (default: this one's, `^x.y.z`).
 * @example await newCommand(["my-site", "--host", "fastify"], processIO());
 */
export async function newCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      host: { type: "string", default: "express" },
      library: { type: "string" },
    },
  });
  const [dir, ...extra] = positionals;
  if (dir === undefined || extra.length > 0) {
    throw new CliError("Usage: microservices-app new <dir> [--host express|fastify]");
  }
  const host = values.host;
  if (host !== "express" && host !== "fastify") {
    throw new CliError(`--host takes express or fastify, not "${host}".`);
  }
  const target = resolve(io.cwd, dir);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new CliError(`${target} is not empty; nothing was written. Choose a new folder.`);
  }
  const name = basename(target)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-");
  mkdirSync(target, { recursive: true });
  const replacements = {
    project: name,
    host_import: HOSTS[host].import,
    host_name: HOSTS[host].name,
  };
  const written = [
    ...copyScaffold("project", target, replacements),
    ...copyScaffold("module", join(target, "modules", "home"), { module: "home", rule: "/" }).map(
      (file) => `modules/home/${file}`,
    ),
  ];
  mkdirSync(join(target, "modules", "home", "static"), { recursive: true });
  const library = values.library ?? `^${ownPackage().version}`;
  writeFileSync(join(target, "package.json"), projectManifest(name, host, library));
  const shown = relative(io.cwd, target) || ".";
  io.out(`Created ${shown}/ (${HOSTS[host].name}): package.json, ${written.sort().join(", ")}.`);
  io.out(`\nNext:\n  cd ${shown}\n  npm install\n  npm run dev`);
  return 0;
}
