import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import nunjucks from "nunjucks";
import { internalsOf } from "../core/internals.js";
import type { SearchFolder } from "../core/lookup/index.js";
import { moduleFailures } from "../core/modules/all-failures.js";
import type { CliIO } from "./io.js";
import { type CliApp, loadApp, locateApp } from "./load-app.js";
import { nunjucksErrorLine, type UrlForCall, urlForCalls } from "./template-calls.js";

/** One problem `check` found: where (a file, a line when known) and what. */
export interface Problem {
  readonly file: string | undefined;
  readonly line?: number | undefined;
  readonly message: string;
}

/** Every file under a folder, as "/"-separated paths; dot-files left out. */
export function filesUnder(root: string, prefix = ""): string[] {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(join(root, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (entry.name.startsWith(".")) return [];
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return filesUnder(root, path);
    return entry.isFile() ? [path] : [];
  });
}

/** The template folders of an app: each module's, then the root's. */
const templateFolders = (app: CliApp): SearchFolder[] => [
  ...[...app.blueprints.values()].map((blueprint) => ({
    module: blueprint.name,
    path: join(blueprint.rootPath, blueprint.templateFolder),
  })),
  { module: null, path: join(app.rootPath, app.templateFolder) },
];

/** What is wrong with one `url_for` call, if anything. */
function urlForProblem(app: CliApp, module: string | null, call: UrlForCall): string | undefined {
  const shown = `url_for('${call.endpoint}')`;
  const absolute = call.endpoint.startsWith(".")
    ? module === null
      ? call.endpoint.slice(1)
      : `${module}${call.endpoint}`
    : call.endpoint;
  const route = app.routes.find((candidate) => candidate.endpoint === absolute);
  if (!route) {
    // A root template is rendered from any module: a relative name is fine if one has it.
    if (module === null && call.endpoint.startsWith(".")) {
      const name = call.endpoint.slice(1);
      if (app.routes.some((candidate) => candidate.endpoint.split(".").pop() === name)) return;
    }
    try {
      internalsOf(app).buildUrl(call.endpoint, {}, { module });
    } catch (error) {
      return `${shown}: ${(error as Error).message}`;
    }
    return `${shown}: no endpoint '${absolute}'.`;
  }
  if (call.dynamic) return;
  const missing = route.compiled.variables.filter((name) => !call.keywords.has(name));
  if (missing.length > 0) {
    return `${shown} misses the values ${missing.map((name) => `'${name}'`).join(", ")} of the rule '${route.rule}': add ${missing.map((name) => `${name}=...`).join(", ")}.`;
  }
  const filename = call.keywords.get("filename");
  if (route.kind === "static" && filename !== undefined && !route.files.find(filename)) {
    const folders = route.files.folders.map((folder) => relative(app.rootPath, folder.path));
    return `${shown}: no static folder has '${filename}' (searched ${folders.join(", ")}).`;
  }
  return undefined;
}

/** Compiles every template of the app and checks its literal `url_for` calls. */
function checkTemplates(app: CliApp): { problems: Problem[]; count: number } {
  const problems: Problem[] = [];
  let count = 0;
  for (const folder of templateFolders(app)) {
    const environment = internalsOf(app).templates.environment(folder.module);
    for (const name of filesUnder(folder.path)) {
      const path = join(folder.path, name);
      const file = relative(app.rootPath, path);
      const source = readFileSync(path, "utf8");
      count += 1;
      try {
        new nunjucks.Template(source, environment, path, true);
      } catch (error) {
        const message = (error as Error).message.replace(/^\([^)]*\)\s*(\[[^\]]*\])?\s*/, "");
        const line = nunjucksErrorLine((error as Error).message);
        problems.push({ file, line, message: `does not compile: ${message.trim()}` });
      }
      for (const call of urlForCalls(source)) {
        const message = urlForProblem(app, folder.module, call);
        if (message) problems.push({ file, line: call.line, message });
      }
    }
  }
  return { problems, count };
}

/**
 * The problems of a loaded app that start-up does not find: templates that do not compile,
 * `url_for` calls naming an endpoint that does not exist or missing its values, static files
 * that no folder has.
 * @example const { problems } = checkApp(app);
 */
export const checkApp = (app: CliApp): { problems: Problem[]; templates: number } => {
  const { problems, count } = checkTemplates(app);
  return { problems, templates: count };
};

/** A stack frame's file and line: "at fn (file:line:column)" or "at file:line:column". */
const FRAME = /^\s*at (?:.*\()?(.+?):(\d+):\d+\)?$/;

/** Where in the app's folder an error was thrown, from its stack: the first frame there. */
function placeInApp(error: unknown, appFolder: string): { file: string; line: number } | undefined {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  for (const text of stack.split("\n")) {
    const found = FRAME.exec(text);
    if (!found?.[1]) continue;
    const file = found[1].startsWith("file:")
      ? fileURLToPath(found[1].replace(/\?.*$/, ""))
      : found[1];
    if (file.startsWith(appFolder + sep) && !file.includes(`${sep}node_modules${sep}`)) {
      return { file: relative(appFolder, file), line: Number(found[2]) };
    }
  }
  return undefined;
}

/** The problems of an app that failed to load: its error, and every other module's. */
function loadProblems(error: unknown, appFile: string): Problem[] {
  const appFolder = dirname(appFile);
  const errors = [error, ...(moduleFailures.get(error as object) ?? [])];
  return errors.map((failure) => {
    const fields = failure as { message?: unknown; name?: unknown };
    const message = String(fields.message ?? failure);
    const hinted = /\(at ([^()]+?):(\d+)\)/.exec(message);
    const place = hinted?.[1]
      ? { file: hinted[1], line: Number(hinted[2]) }
      : placeInApp(failure, appFolder);
    return {
      file: place?.file ?? relative(appFolder, appFile),
      line: place?.line,
      message: `${String(fields.name ?? "Error")}: ${message}`,
    };
  });
}

/** "modules/forum/templates/board.html:5: message" */
export const formatProblem = (problem: Problem): string =>
  `${problem.file ?? "(app)"}${problem.line ? `:${problem.line}` : ""}: ${problem.message}`;

/**
 * `microservices-app check [--app file]`: loads the app and every module and reports every
 * problem at once, with file and line; exit code 1 if there is any (Django's `manage.py check`).
 * @example process.exitCode = await checkCommand([], processIO());
 */
export async function checkCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { app: { type: "string" } } });
  const location = locateApp(io.cwd, values.app);
  let app: CliApp;
  try {
    app = await loadApp(location);
  } catch (error) {
    const problems = loadProblems(error, location.file);
    io.err(`The app did not load; ${problems.length} problem${problems.length === 1 ? "" : "s"}:`);
    for (const problem of problems) io.err(`  ${formatProblem(problem)}`);
    return 1;
  }
  const { problems, templates } = checkApp(app);
  const summary = `${app.blueprints.size} modules, ${app.routes.length} routes, ${templates} templates`;
  if (problems.length === 0) {
    io.out(`No problems found (${summary}).`);
    return 0;
  }
  io.err(`${problems.length} problem${problems.length === 1 ? "" : "s"} found (${summary}):`);
  for (const problem of problems) io.err(`  ${formatProblem(problem)}`);
  return 1;
}
