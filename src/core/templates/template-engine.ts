import { readFileSync } from "node:fs";
import { join } from "node:path";
import nunjucks from "nunjucks";
import { MicroServicesError, TemplateNotFound } from "../errors.js";
import type { Logger } from "../logger.js";
import { isFile } from "../lookup/files.js";
import {
  describeFolder,
  type SearchFolder,
  safeRelativePath,
  searchOrder,
} from "../lookup/search-path.js";
import "./fast-string-methods.js";
import type { RenderScope, ScopedGlobal } from "./globals.js";
import { renderAsJinja } from "./jinja-compat.js";
import { addJinjaFilters } from "./jinja-filters.js";
import { chooseTemplate, jinjaSource, missingAsTemplateNotFound } from "./template-source.js";
import { WithExtension } from "./with-tag.js";

/** The path of a template name, refusing names that climb out of their folder. */
function templatePath(name: string): string {
  const relative = safeRelativePath(name, { dotfiles: true });
  if (relative === undefined) {
    throw new TemplateNotFound(
      name,
      [],
      "a template name may not climb out of the template folders ('..' or '.' segments, absolute paths, backslashes and NUL bytes are refused).",
    );
  }
  return relative;
}

interface LookupOptions {
  readonly debug: boolean;
  readonly explain: boolean;
  readonly logger: Logger;
}

/**
 * A nunjucks loader over one search path, first folder first; with `explain`, it logs every
 * lookup the way Flask's EXPLAIN_TEMPLATE_LOADING does.
 */
class TemplateSearchPath {
  constructor(
    readonly folders: readonly SearchFolder[],
    private readonly options: LookupOptions,
  ) {}

  /** The file of a template, or `undefined`; with `explain`, logs each folder tried. */
  locate(name: string): string | undefined {
    const relative = templatePath(name);
    const { explain, logger } = this.options;
    let found: string | undefined;
    let matches = 0;
    const lines = [`Locating template '${name}':`];
    for (const [index, folder] of this.folders.entries()) {
      const path = join(folder.path, relative);
      if (!isFile(path)) {
        lines.push(`  ${index + 1}. ${describeFolder(folder)} -> no match`);
        continue;
      }
      matches += 1;
      found ??= path;
      lines.push(`  ${index + 1}. ${describeFolder(folder)} -> found (${path})`);
      if (!explain) break;
    }
    if (explain) {
      if (!found) lines.push("Error: the template was not found in any folder.");
      if (matches > 1) {
        lines.push(
          `Warning: ${matches} folders have '${name}'; the first one wins (the order above).`,
        );
      }
      logger.info(lines.join("\n"));
    }
    return found;
  }

  /** The source of a template, or null when no folder has it (`include ... ignore missing`). */
  getSource(name: string): nunjucks.LoaderSource | null {
    const path = this.locate(name);
    if (!path) return null;
    return { src: jinjaSource(readFileSync(path, "utf8")), path, noCache: this.options.debug };
  }
}

/** The first error of ours in a chain of causes (nunjucks wraps errors thrown while loading). */
function ownError(error: unknown): unknown {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof MicroServicesError) return cause;
  }
  return error;
}

/**
 * Makes nunjucks compile every template as it loads it. It compiles an `include`d or
 * `import`ed template lazily, and a syntax error found then escapes the synchronous render:
 * `render` returns null and the error is thrown on a later tick, where it would crash the
 * process. Compiled on load, the error is thrown by `render`, and its request gets a 500.
 */
function compileOnLoad(environment: nunjucks.Environment, loader: TemplateSearchPath): void {
  const getTemplate = environment.getTemplate.bind(environment) as (...args: unknown[]) => unknown;
  const searched = loader.folders.map(describeFolder);
  const exists = (name: string) =>
    safeRelativePath(name, { dotfiles: true }) !== undefined &&
    loader.folders.some((folder) => isFile(join(folder.path, name)));
  // Called as (name, callback), (name, eagerCompile, ...) or (name): eagerCompile goes in second.
  const eager = (requested: unknown, ...rest: unknown[]) => {
    const name = chooseTemplate(requested, exists);
    return missingAsTemplateNotFound(
      name,
      searched,
      (...tail) => getTemplate(name, true, ...tail),
      [...(typeof rest[0] === "function" ? rest : rest.slice(1))],
    );
  };
  (environment as { getTemplate: unknown }).getTemplate = eager;
}

/**
 * Nunjucks (Jinja2's syntax) with the module-first search order: one environment per current
 * module, so `render`, `extends` and `include` all search that module's templates first, then
 * the other enabled modules in order, then the root's.
 * @example engine.render("forum", "thread.html", { thread }); // forum/templates/thread.html wins
 */
export class TemplateEngine {
  readonly #options: LookupOptions;
  readonly #environments = new Map<string | null, nunjucks.Environment>();
  readonly #filters = new Map<string, (...args: never[]) => unknown>();
  readonly #globals = new Map<string, unknown>();
  readonly #scopedGlobals = new Map<string, ScopedGlobal>();
  /** The renders running, innermost last: the scoped globals read the last one. */
  readonly #scopes: RenderScope[] = [];
  /** `has()` answers by module and name, kept until the modules change (not in debug). */
  readonly #known = new Map<string, boolean>();
  /** `ownOrRootFolder()`'s answers, kept the same way. */
  readonly #ownOrRoot = new Map<string, SearchFolder | undefined>();
  /** Templates rendered from a given folder (error pages), compiled once (not in debug). */
  readonly #files = new Map<string, nunjucks.Template>();
  #modules: readonly SearchFolder[] = [];
  #root: SearchFolder;

  constructor(root: SearchFolder, options: LookupOptions) {
    this.#root = root;
    this.#options = options;
  }

  /** Sets the enabled modules' template folders, in enabled order. */
  setModules(modules: readonly SearchFolder[]): void {
    this.#modules = modules;
    this.#environments.clear();
    this.#known.clear();
    this.#ownOrRoot.clear();
    this.#files.clear();
  }

  /** The search path when `module` is the current module (`null`: none). */
  searchPath(module: string | null): readonly SearchFolder[] {
    return searchOrder(this.#modules, this.#root, module);
  }

  environment(module: string | null): nunjucks.Environment {
    let environment = this.#environments.get(module);
    if (!environment) {
      const loader = new TemplateSearchPath(this.searchPath(module), this.#options);
      // `dev` keeps the cause of errors raised while loading, so TemplateNotFound survives.
      // Nunjucks' types say getSource never returns null; its code expects null for a missing one.
      environment = new nunjucks.Environment(loader as unknown as nunjucks.ILoader, {
        autoescape: true,
        dev: true,
      });
      compileOnLoad(environment, loader);
      addJinjaFilters(environment);
      environment.addExtension("JinjaWith", new WithExtension());
      for (const [name, read] of this.#scopedGlobals) this.#defineScoped(environment, name, read);
      for (const [name, filter] of this.#filters)
        environment.addFilter(name, filter as () => unknown);
      for (const [name, value] of this.#globals) environment.addGlobal(name, value);
      this.#environments.set(module, environment);
    }
    return environment;
  }

  /**
   * Whether the search path of `module` has a template, without logging. Error pages ask on
   * every 404, so the answer is kept (outside debug) rather than looked up on disk each time.
   */
  has(module: string | null, name: string): boolean {
    const key = `${module ?? ""}\0${name}`;
    const known = this.#options.debug ? undefined : this.#known.get(key);
    if (known !== undefined) return known;
    const found =
      safeRelativePath(name, { dotfiles: true }) !== undefined &&
      this.searchPath(module).some((folder) => isFile(join(folder.path, name)));
    if (!this.#options.debug) this.#known.set(key, found);
    return found;
  }

  /**
   * The folder an error page `name` comes from: the module's own, else the root's, never
   * another module's (so that one module's `404.html` is not the whole app's). Kept like `has`.
   */
  ownOrRootFolder(module: string | null, name: string): SearchFolder | undefined {
    const key = `own\0${module ?? ""}\0${name}`;
    if (!this.#options.debug && this.#ownOrRoot.has(key)) return this.#ownOrRoot.get(key);
    const folders = [...this.#modules.filter((folder) => folder.module === module), this.#root];
    const found =
      safeRelativePath(name, { dotfiles: true }) === undefined
        ? undefined
        : folders.find((folder) => isFile(join(folder.path, name)));
    if (!this.#options.debug) this.#ownOrRoot.set(key, found);
    return found;
  }

  /**
   * Renders a template found from `module`'s search path, with Jinja2's semantics; with
   * `folder`, that folder's file (its `extends` and `include` still search from `module`).
   * `scope` (the request's, when there is one) is what the scoped globals read.
   */
  render(
    module: string | null,
    name: string,
    context: object,
    scope: RenderScope = { module, url: { module } },
    folder?: SearchFolder,
  ): string {
    this.#scopes.push(scope);
    try {
      return renderAsJinja(() => {
        if (!folder) return this.environment(module).render(name, context);
        return this.#fromFolder(module, folder, name).render(context);
      });
    } catch (error) {
      throw ownError(error);
    } finally {
      this.#scopes.pop();
    }
  }

  /** An error page's template from the folder that has it, compiled once (not in debug). */
  #fromFolder(module: string | null, folder: SearchFolder, name: string): nunjucks.Template {
    const path = join(folder.path, templatePath(name));
    const key = `${module ?? ""}\0${path}`;
    let template = this.#options.debug ? undefined : this.#files.get(key);
    if (!template) {
      const source = jinjaSource(readFileSync(path, "utf8"));
      template = new nunjucks.Template(source, this.environment(module), path, true);
      if (!this.#options.debug) this.#files.set(key, template);
    }
    return template;
  }

  /** Adds a global read from the render running (Flask's `request`, `url_for`). */
  addScopedGlobal(name: string, read: ScopedGlobal): void {
    this.#globals.delete(name);
    this.#scopedGlobals.set(name, read);
    for (const environment of this.#environments.values())
      this.#defineScoped(environment, name, read);
  }

  #defineScoped(environment: nunjucks.Environment, name: string, read: ScopedGlobal): void {
    const outside: RenderScope = { module: null, url: { module: null } };
    Object.defineProperty((environment as unknown as { globals: object }).globals, name, {
      get: () => read(this.#scopes.at(-1) ?? outside),
      configurable: true,
      enumerable: true,
    });
  }

  addFilter(name: string, filter: (...args: never[]) => unknown): void {
    this.#filters.set(name, filter);
    for (const environment of this.#environments.values())
      environment.addFilter(name, filter as () => unknown);
  }

  addGlobal(name: string, value: unknown): void {
    this.#scopedGlobals.delete(name);
    this.#globals.set(name, value);
    for (const environment of this.#environments.values()) {
      // A plain value replaces a scoped global of the same name (its getter has no setter).
      delete (environment as unknown as { globals: Record<string, unknown> }).globals[name];
      environment.addGlobal(name, value);
    }
  }
}
