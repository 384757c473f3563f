import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Whether this code runs from src/ (under tsx, as the tests and `npm start` run it) rather
 * than from the built dist/.
 */
export const RUNS_FROM_SOURCE = import.meta.url.endsWith(".ts");

/**
 * The package's own folder, the one with its package.json: found by walking up, because
 * built code runs from a shared chunk (dist/chunks/) as well as from its entry points, so
 * no path relative to a file holds for all of it.
 */
function packageFolder(): string {
  const start = dirname(new URL(import.meta.url).pathname);
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, "package.json"))) return folder;
    if (dirname(folder) === folder) return dirname(start);
  }
}

const PACKAGE_FOLDER = pathToFileURL(`${packageFolder()}/`);

/**
 * A file of this package, by its path in the package; `source` and `built` are the two
 * places a file lives, in src/ under tsx and in dist/ once built.
 * @example packageFile({ source: "src/cli/scaffold/", built: "dist/cli/scaffold/" });
 */
export function packageFile(path: string | { source: string; built: string }): URL {
  const relative = typeof path === "string" ? path : RUNS_FROM_SOURCE ? path.source : path.built;
  return new URL(relative, PACKAGE_FOLDER);
}
