import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { packageFile } from "../core/package-location.js";
import { filesUnder } from "./check.js";
import { CliError } from "./io.js";

/** The scaffolding folders (`module`, `project`): src/cli/scaffold/, copied to dist/cli/scaffold/. */
export const scaffoldFolder = (name: string): string =>
  fileURLToPath(
    packageFile({ source: `src/cli/scaffold/${name}/`, built: `dist/cli/scaffold/${name}/` }),
  );

/** `__key__` placeholders in names and contents, and their values. */
export type Replacements = Readonly<Record<string, string>>;

const fill = (text: string, replacements: Replacements): string =>
  text.replace(/__([a-z_]+?)__/g, (whole, key: string) => replacements[key] ?? whole);

/** A scaffolding file's name in the target: placeholders filled, `.tmpl` dropped, `gitignore` dotted. */
const targetName = (path: string, replacements: Replacements): string =>
  fill(path, replacements)
    .replace(/\.tmpl$/, "")
    .replace(/(^|\/)gitignore$/, "$1.gitignore");

/**
 * Copies a scaffolding folder into `target`, placeholders filled. Refuses, writing nothing, if
 * any file it would write exists already. Resolves to the files written, relative to `target`.
 * @example copyScaffold("module", "/srv/site/modules/blog", { module: "blog", rule: "/blog/" });
 */
export function copyScaffold(name: string, target: string, replacements: Replacements): string[] {
  const source = scaffoldFolder(name);
  const files = filesUnder(source).map((path) => ({
    from: join(source, path),
    to: join(target, targetName(path, replacements)),
  }));
  const existing = files.filter((file) => existsSync(file.to));
  if (existing.length > 0) {
    throw new CliError(
      `Nothing was written: ${existing.map((file) => file.to).join(", ")} already exist${existing.length === 1 ? "s" : ""}. Choose another name, or move ${existing.length === 1 ? "it" : "them"} away first.`,
    );
  }
  for (const file of files) {
    mkdirSync(dirname(file.to), { recursive: true });
    writeFileSync(file.to, fill(readFileSync(file.from, "utf8"), replacements));
  }
  return files.map((file) => relative(target, file.to));
}
