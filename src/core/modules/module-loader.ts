import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { InvalidModule, InvalidModulePath, MicroServicesError, ModuleNotFound } from "../errors.js";
import { describeError } from "../http/failures.js";
import { moduleFailures } from "./all-failures.js";
import { MODULE_NAME, Router } from "./blueprint.js";
import { importIndex } from "./import-index.js";

/** The index files a module may have, in the order they are tried. */
export const INDEX_FILES = ["index.ts", "index.js", "index.mjs"] as const;

/** An enabled module: its name, folder, index file and blueprint. */
export interface LoadedModule {
  readonly name: string;
  readonly folder: string;
  readonly file: string;
  readonly blueprint: Router;
  /** Where `registerUrls` mounted it, before its blueprint's own `urlPrefix` (none: ""). */
  readonly urlPrefix: string;
}

/**
 * A module to enable, with options (Flask's `register_blueprint(bp, url_prefix=...)`).
 * @example await app.registerUrls(["admin", { name: "forum", urlPrefix: "/board" }]);
 */
export interface ModuleRegistration {
  /** The module's folder name. */
  readonly name: string;
  /** Mounts every rule of the module under this prefix, on top of its blueprint's `urlPrefix`. */
  readonly urlPrefix?: string;
}

/** A module name checked, with its registration options. */
export interface CheckedName {
  readonly name: string;
  readonly urlPrefix: string;
}

/** A `registerUrls` entry as a name and its options, or an `InvalidModule` saying what is wrong. */
function readEntry(entry: unknown): CheckedName {
  if (typeof entry === "object" && entry !== null && !Array.isArray(entry)) {
    const { name, urlPrefix } = entry as { name?: unknown; urlPrefix?: unknown };
    if (typeof name !== "string") {
      throw new InvalidModule(
        String(name),
        'a module registered with options needs its folder name: { name: "forum", urlPrefix: "/board" }.',
      );
    }
    if (urlPrefix !== undefined && (typeof urlPrefix !== "string" || !urlPrefix.startsWith("/"))) {
      throw new InvalidModule(
        name,
        `the urlPrefix given to registerUrls must start with "/"; got ${JSON.stringify(urlPrefix)}.`,
      );
    }
    return { name, urlPrefix: (urlPrefix ?? "").replace(/\/+$/, "") };
  }
  return { name: entry as string, urlPrefix: "" };
}

/** The module folders under `folder` that have an index file, sorted. */
function existingModules(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() &&
        INDEX_FILES.some((file) => existsSync(join(folder, entry.name, file))),
    )
    .map((entry) => entry.name)
    .sort();
}

/** Checks the names before anything is imported: plain folder names, each enabled once. */
function checkNames(names: unknown, enabled: ReadonlySet<string>): CheckedName[] {
  if (!Array.isArray(names)) {
    throw new InvalidModule(
      String(names),
      'registerUrls takes an array of module names, e.g. registerUrls(["home"]).',
    );
  }
  const seen = new Set<string>();
  const entries = names.map(readEntry);
  for (const { name } of entries) {
    if (typeof name !== "string" || !MODULE_NAME.test(name)) {
      throw new InvalidModule(
        String(name),
        "a module name must be a plain folder name: letters, digits, '_' and '-' (no '/', '\\', '.', or empty name).",
      );
    }
    if (enabled.has(name) || seen.has(name)) {
      throw new InvalidModule(name, "this module is already enabled; list each module once.");
    }
    seen.add(name);
  }
  return entries;
}

/** A stack frame's location: "at fn (file:line:column)" or "at file:line:column". */
const FRAME = /^\s*at (?:.*\()?(.+?):(\d+):\d+\)?$/;

/**
 * Where inside the module's folder an import error was thrown ("modules/broken/views.ts:5"),
 * from its stack: often a file the index imports, not the index itself.
 */
function thrownAt(error: unknown, folder: string, appRoot: string): string | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  for (const line of stack?.split("\n") ?? []) {
    const frame = FRAME.exec(line);
    if (!frame?.[1]) continue;
    const file = frame[1].startsWith("file://") ? fileURLToPath(frame[1]) : frame[1];
    if (file.startsWith(folder + sep)) return `${relative(appRoot, file)}:${frame[2]}`;
  }
  return undefined;
}

export async function importModule(
  { name, urlPrefix }: CheckedName,
  file: string,
  shown: string,
  appRoot: string,
  importUrl: (file: string) => string = (path) => pathToFileURL(path).href,
): Promise<LoadedModule> {
  let exports: Record<string, unknown>;
  try {
    exports = await importIndex(file, importUrl);
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_UNKNOWN_FILE_EXTENSION") {
      throw new InvalidModule(
        name,
        "Node cannot import TypeScript by itself: run the app with tsx (npx tsx app.ts), or compile the modules to .js.",
        shown,
        { cause: error },
      );
    }
    if (error instanceof MicroServicesError) {
      // Our own errors already say what is wrong; add where (once: a failed import is cached).
      const where = ` (while importing module "${name}", ${shown})`;
      if (!error.message.endsWith(where)) error.message += where;
      throw error;
    }
    const at = thrownAt(error, join(file, ".."), appRoot);
    throw new InvalidModule(
      name,
      `importing it threw ${describeError(error)}${at ? ` (at ${at})` : ""}. Fix the error, or leave the module out of registerUrls.`,
      shown,
      { cause: error },
    );
  }
  const blueprint = exports.blueprint;
  if (!Router.isRouter(blueprint)) {
    throw new InvalidModule(
      name,
      `it exports no blueprint. Add: export const blueprint = Router.createBlueprint("${name}", import.meta.url);`,
      shown,
    );
  }
  if (blueprint.name !== name) {
    throw new InvalidModule(
      name,
      `its blueprint is named "${blueprint.name}", but its folder is "${name}". Name the blueprint after its folder: Router.createBlueprint("${name}", import.meta.url).`,
      shown,
    );
  }
  return { name, folder: join(file, ".."), file, blueprint, urlPrefix };
}

/**
 * Finds, imports and checks modules: names first, then the folder, then every index file,
 * and only then the imports, so a bad name or a missing module imports nothing.
 * @example await loadModules(["admin", { name: "forum", urlPrefix: "/board" }], "modules", "/srv/app", new Set());
 */
export async function loadModules(
  names: unknown,
  path: string,
  appRoot: string,
  enabled: ReadonlySet<string>,
): Promise<LoadedModule[]> {
  const checked = checkNames(names, enabled);
  if (typeof path !== "string" || path.length === 0) {
    throw new InvalidModulePath(String(path), resolve(appRoot, String(path)));
  }
  const folder = resolve(appRoot, path);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory())
    throw new InvalidModulePath(path, folder);
  const shown = (file: string) => relative(appRoot, file) || file;
  const files = checked.map(({ name }) => {
    // Joined by hand: the folder is resolved and the name a plain folder name (checked).
    const base = `${folder}${sep}${name}${sep}`;
    for (const file of INDEX_FILES) if (existsSync(base + file)) return base + file;
    const candidates = INDEX_FILES.map((file) => join(folder, name, file));
    throw new ModuleNotFound(name, candidates.map(shown), existingModules(folder));
  });
  const settled = await Promise.allSettled(
    checked.map((entry, index) =>
      importModule(entry, files[index] as string, shown(files[index] as string), appRoot),
    ),
  );
  const [failed, ...others] = settled.flatMap((result) =>
    result.status === "rejected" ? [result.reason] : [],
  );
  if (failed !== undefined) {
    if (typeof failed === "object" && failed !== null) moduleFailures.set(failed, others);
    throw failed;
  }
  return settled.map((result) => (result as PromiseFulfilledResult<LoadedModule>).value);
}
