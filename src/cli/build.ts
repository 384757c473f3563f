import { cpSync, existsSync, rmSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { checkApp, filesUnder, formatProblem } from "./check.js";
import { CliError, type CliIO } from "./io.js";
import { type CliApp, loadApp, locateApp } from "./load-app.js";
import { moduleDataFiles } from "./module-files.js";

/** Folders never compiled into the build: dependencies, tests, and the output itself. */
const SKIPPED_FOLDERS = new Set(["node_modules", "test", "tests", "__tests__"]);
const TYPESCRIPT = /(?<!\.d)\.(ts|mts|tsx)$/;
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

/** The TypeScript files of the app's folder to compile (tests, declarations and `out` left out). */
export function sourceFiles(appFolder: string, out: string): string[] {
  const outside = relative(appFolder, out);
  return filesUnder(appFolder)
    .filter((path) => {
      const parts = path.split("/");
      if (parts.slice(0, -1).some((part) => SKIPPED_FOLDERS.has(part))) return false;
      if (outside && !outside.startsWith("..") && `${path}/`.startsWith(`${outside}/`))
        return false;
      return TYPESCRIPT.test(path) && !TEST_FILE.test(path);
    })
    .map((path) => join(appFolder, path));
}

/** The folders served as files: the root's templates and static, and every module's. */
const servedFolders = (app: CliApp): string[] => [
  join(app.rootPath, app.templateFolder),
  join(app.rootPath, app.staticFolder),
  ...[...app.blueprints.values()].flatMap((blueprint) => [
    join(blueprint.rootPath, blueprint.templateFolder),
    join(blueprint.rootPath, blueprint.staticFolder),
  ]),
];

/**
 * `microservices-app build [--out dist]`: compiles the app and its modules to JavaScript
 * (esbuild, file by file, the folders kept) and copies every `templates/` and `static/`
 * folder, and the other files of the modules (SQL migrations...), beside the code, so that `node dist/app.js` serves what `dev` serves; then loads the
 * built app and runs `check` on it. Exit 1 if the built app has a problem.
 * @example await buildCommand(["--out", "dist"], processIO());
 */
export async function buildCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { app: { type: "string" }, out: { type: "string" } },
  });
  const location = locateApp(io.cwd, values.app);
  const appFolder = dirname(location.file);
  const out = resolve(io.cwd, values.out ?? join(relative(io.cwd, appFolder), "dist"));
  // rmSync empties the output first: it must not hold the app itself.
  if (!relative(out, appFolder).startsWith("..")) {
    throw new CliError(
      `The output folder ${out} is or contains the app's folder; choose one inside it or beside it: --out dist.`,
    );
  }
  const app = await loadApp(location);
  const sources = sourceFiles(appFolder, out);
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: sources,
    outdir: out,
    outbase: appFolder,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
  });
  let copied = 0;
  for (const folder of servedFolders(app)) {
    if (!existsSync(folder)) continue;
    const inside = relative(appFolder, folder);
    if (inside.startsWith("..") || isAbsolute(inside)) {
      throw new CliError(
        `${folder} is outside the app's folder ${appFolder}, so the build cannot place it; keep templates and static folders under the app.`,
      );
    }
    cpSync(folder, join(out, inside), { recursive: true });
    copied += 1;
  }
  // A module's other files (SQL migrations, data) are read at run time beside its code.
  const dataFiles = moduleDataFiles(
    appFolder,
    [...app.blueprints.values()].map((blueprint) => blueprint.rootPath),
    servedFolders(app),
  );
  for (const file of dataFiles) cpSync(join(appFolder, file), join(out, file));
  const shown = relative(io.cwd, out) || ".";
  io.out(
    `Compiled ${sources.length} files into ${shown}/ and copied ${copied} templates and static folders.`,
  );
  if (dataFiles.length > 0) {
    io.out(`Copied ${dataFiles.length} other files of modules: ${dataFiles.join(", ")}.`);
  }
  const built = await loadApp({
    file: join(out, basename(location.file).replace(TYPESCRIPT, ".js")),
    exportName: location.exportName,
  });
  const { problems } = checkApp(built);
  if (problems.length > 0) {
    io.err(`The built app has ${problems.length} problem${problems.length === 1 ? "" : "s"}:`);
    for (const problem of problems) io.err(`  ${formatProblem(problem)}`);
    return 1;
  }
  io.out(
    `Checked: no problems. Serve it with: node ${join(shown, basename(location.file).replace(TYPESCRIPT, ".js"))}`,
  );
  return 0;
}
