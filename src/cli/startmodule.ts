import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { CliError, type CliIO } from "./io.js";
import { DEFAULT_APP_FILES, locateApp } from "./load-app.js";
import { copyScaffold } from "./scaffold.js";

/** A module name: it becomes a folder, an endpoint prefix and `/static_<name>`. */
const MODULE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The app's folder: the app file's, when there is one here, else the current folder. */
function appRoot(cwd: string, app: string | undefined): string {
  if (app === undefined && !DEFAULT_APP_FILES.some((file) => existsSync(join(cwd, file)))) {
    return cwd;
  }
  return dirname(locateApp(cwd, app).file);
}

/**
 * Writes a new module: `index.ts`, `urls.ts`, `views.ts`, `templates/<name>/index.html` and
 * `static/`, under the app's modules folder (Django's `startapp`). Refuses an invalid name and
 * an existing folder; prints the line that enables the module.
 * @example await startModuleCommand(["blog"], processIO()); // modules/blog/
 */
export async function startModuleCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { path: { type: "string", default: "modules" }, app: { type: "string" } },
  });
  const [name, ...extra] = positionals;
  if (name === undefined || extra.length > 0) {
    throw new CliError("Usage: microservices-app startmodule <name> [--path modules]");
  }
  if (!MODULE_NAME.test(name)) {
    throw new CliError(
      `"${name}" is not a module name: start with a letter, then letters, digits or '_' (it becomes a folder, the endpoint prefix "${name}." and the URL /static_${name}/).`,
    );
  }
  const root = appRoot(io.cwd, values.app);
  const folder = join(root, values.path, name);
  if (existsSync(folder)) {
    throw new CliError(
      `${folder} already exists; nothing was written. Choose another name, or remove the folder first.`,
    );
  }
  const written = copyScaffold("module", folder, { module: name, rule: `/${name}/` });
  mkdirSync(join(folder, "static"), { recursive: true });
  io.out(`Created module "${name}" in ${relative(io.cwd, folder) || "."}/:`);
  for (const file of [...written, "static/"]) io.out(`  ${file}`);
  const pathArgument = values.path === "modules" ? "" : `, "${values.path}"`;
  io.out(
    `\nEnable it by adding its name to the list your app registers, e.g.:\n  await app.registerUrls([..., "${name}"]${pathArgument});\nIts page is then /${name}/ (endpoint "${name}.index").`,
  );
  return 0;
}
