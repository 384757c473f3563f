/**
 * Every error this library raises for a mistake in an application (a bad rule, a missing
 * module, an endpoint that cannot be built) is a `MicroServicesError`. Each subclass keeps the
 * facts as fields and writes its message from them: what was wrong, where, and how to fix it.
 */

const quote = (value: unknown): string => {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

const list = (items: readonly string[]): string =>
  items.length === 0 ? "(none)" : items.map((item) => `'${item}'`).join(", ");

/**
 * The base class of every error raised by microservices-app.
 * @example if (error instanceof MicroServicesError) console.error(error.message);
 */
export class MicroServicesError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The modules folder given to `registerUrls` does not exist.
 * @example await app.registerUrls(["home"], "missing"); // throws InvalidModulePath
 */
export class InvalidModulePath extends MicroServicesError {
  constructor(
    readonly path: string,
    readonly folder: string,
  ) {
    super(
      `Modules folder ${quote(path)} does not exist: expected the folder ${folder}. ` +
        `Create it, or pass the right folder as the second argument of registerUrls().`,
    );
  }
}

/**
 * `url()` was given a view that is not a function.
 * @example url("/", "home"); // throws InvalidURLFunction
 */
export class InvalidURLFunction extends MicroServicesError {
  constructor(
    readonly rule: string,
    readonly view: unknown,
  ) {
    super(
      `The view of url(${quote(rule)}) must be a function, got ${quote(view)}. ` +
        `Pass the view function itself, e.g. url(${quote(rule)}, views.home).`,
    );
  }
}

/**
 * A url name is not a non-empty string without dots, or cannot be derived from the view.
 * @example url("/", () => "hi"); // throws InvalidURLName when registered: anonymous view, no name
 */
export class InvalidURLName extends MicroServicesError {
  constructor(
    readonly rule: string,
    readonly urlName: unknown,
    readonly reason: string,
  ) {
    super(`The name of url(${quote(rule)}) is invalid: ${reason}`);
  }
}

/**
 * An entry of `urlpatterns` is not the result of `url(...)`.
 * @example blueprint.registerUrls([{ rule: "/" }]); // throws InvalidURLPattern
 */
export class InvalidURLPattern extends MicroServicesError {
  constructor(
    readonly owner: string,
    readonly index: number,
    readonly entry: unknown,
  ) {
    super(
      index < 0
        ? `The urlpatterns of ${owner} must be an array of url(...) patterns, got ${quote(entry)}.`
        : `Entry ${index} of the urlpatterns of ${owner} is not a url(...) pattern: got ${quote(entry)}. ` +
            `Build every entry with url(rule, view, name?) or include(prefix, urlpatterns).`,
    );
  }
}

/**
 * A rule string is empty, not a string, or not valid rule syntax.
 * @example url("admin/", views.panel); // throws InvalidURLRule: rules start with "/"
 */
export class InvalidURLRule extends MicroServicesError {
  constructor(
    readonly rule: unknown,
    readonly reason: string,
    readonly owner?: string,
  ) {
    super(`Invalid url rule ${quote(rule)}${owner ? ` in ${owner}` : ""}: ${reason}`);
  }
}

/**
 * `methods` is not a non-empty array of HTTP method names.
 * @example url("/", views.home, "home", []); // throws UnspecifiedURLMethods
 */
export class UnspecifiedURLMethods extends MicroServicesError {
  constructor(
    readonly rule: string,
    readonly methods: unknown,
    readonly reason: string,
  ) {
    super(
      `The methods of url(${quote(rule)}) are invalid: ${reason} Got ${quote(methods)}; ` +
        `pass an array of HTTP methods such as ["GET", "POST"], or leave it out for ["GET"].`,
    );
  }
}

/**
 * A module listed in `registerUrls` has no folder or no index file.
 * @example await app.registerUrls(["forum"]); // throws ModuleNotFound when modules/forum/ is missing
 */
export class ModuleNotFound extends MicroServicesError {
  constructor(
    readonly module: string,
    readonly tried: readonly string[],
    readonly available: readonly string[],
  ) {
    super(
      `Module ${quote(module)} not found: tried ${tried.join(", ")}. ` +
        `Modules that exist: ${available.length ? available.join(", ") : "(none)"}.`,
    );
  }
}

/**
 * A module name or a module's index file is unusable: a bad name, no `blueprint` export,
 * an import that throws, or a module enabled twice.
 * @example await app.registerUrls(["../etc"]); // throws InvalidModule
 */
export class InvalidModule extends MicroServicesError {
  constructor(
    readonly module: string,
    readonly reason: string,
    readonly file?: string,
    options?: ErrorOptions,
  ) {
    super(`Invalid module ${quote(module)}${file ? ` (${file})` : ""}: ${reason}`, options);
  }
}

/**
 * Two urls of one module (or of the app) share a name, so `urlFor` could not tell them apart.
 * @example blueprint.registerUrls([url("/a", a, "x"), url("/b", b, "x")]); // throws DuplicateEndpoint
 */
export class DuplicateEndpoint extends MicroServicesError {
  constructor(
    readonly endpoint: string,
    readonly rules: readonly [string, string],
  ) {
    super(
      `Endpoint '${endpoint}' is defined twice: by ${quote(rules[0])} and by ${quote(rules[1])}. ` +
        `Give one of them another name: url(rule, view, "another_name").`,
    );
  }
}

/**
 * The same rule and method are registered twice, in one module or across modules.
 * @example two modules both routing GET "/about/" throw DuplicateRoute naming both endpoints.
 */
export class DuplicateRoute extends MicroServicesError {
  constructor(
    readonly rule: string,
    readonly method: string,
    readonly existing: string,
    readonly duplicate: string,
  ) {
    super(
      `Route ${method} ${quote(rule)} is registered twice: by endpoint '${existing}' and by ` +
        `endpoint '${duplicate}'. Remove one, or change its rule or methods.`,
    );
  }
}

/** What stopped `urlFor` from building a URL. */
export type BuildProblem =
  | { kind: "unknown-endpoint"; suggestion?: string }
  | { kind: "missing-values"; missing: readonly string[] }
  | { kind: "rejected-value"; variable: string; detail: string }
  | { kind: "unwritable-query"; key: string; detail: string }
  | { kind: "method"; allowed: readonly string[] }
  | { kind: "no-server-name" };

/**
 * `urlFor` could not build a URL; the message says why, Werkzeug-style.
 * @example app.urlFor("forum.thread"); // BuildError: ... Did you forget to specify values ['thread_id']?
 */
export class BuildError extends MicroServicesError {
  constructor(
    readonly endpoint: string,
    /** The method asked for with `_method`; `undefined` when none was (Werkzeug's `None`). */
    readonly method: string | undefined,
    readonly problem: BuildProblem,
    /** The keys of the values given (options such as `_external` aside), for the message. */
    readonly values: readonly string[] = [],
  ) {
    super(describeBuildError(endpoint, method, problem, values));
  }
}

/**
 * The message of a `BuildError`, Werkzeug's words. A function of the module, not a static method:
 * a class that names itself inside its body is renamed `_BuildError` by the bundler.
 */
function describeBuildError(
  endpoint: string,
  method: string | undefined,
  problem: BuildProblem,
  values: readonly string[],
): string {
  // Werkzeug's head: the method only when one was asked for, the values when any were given.
  const head = `Could not build url for endpoint '${endpoint}'${method ? ` ('${method}')` : ""}${
    values.length > 0 ? ` with values [${list([...values].sort())}]` : ""
  }.`;
  switch (problem.kind) {
    case "unknown-endpoint":
      return problem.suggestion
        ? `${head} Did you mean '${problem.suggestion}' instead?`
        : `${head} No endpoint has this name; check the module and the url's name.`;
    case "missing-values":
      return `${head} Did you forget to specify values [${list(problem.missing)}]?`;
    case "rejected-value":
      return `${head} The value of '${problem.variable}' is rejected by its converter: ${problem.detail}.`;
    case "unwritable-query":
      return `${head} The query value of '${problem.key}' cannot be written in a URL: ${problem.detail}.`;
    case "method":
      return `${head} Did you mean to use methods [${list([...problem.allowed].sort())}]?`;
    case "no-server-name":
      return `${head} An external URL outside a request needs the serverName option (e.g. new MicroServicesApp(import.meta.url, { serverName: "example.com" })).`;
  }
}

/**
 * No template folder in the search path has the template.
 * @example render("missing.html"); // TemplateNotFound listing each folder searched, in order
 */
export class TemplateNotFound extends MicroServicesError {
  constructor(
    readonly template: string,
    readonly searched: readonly string[],
    reason?: string,
  ) {
    super(
      reason
        ? `Template ${quote(template)} is refused: ${reason}`
        : `Template ${quote(template)} not found. Searched, in order:\n${searched
            .map((folder, index) => `  ${index + 1}. ${folder}`)
            .join("\n")}\nAdd the file to one of these folders, or fix the name.`,
    );
  }
}

/**
 * A view's promise did not settle within the app's `viewTimeout`: the client got a 503, and
 * whatever the view settles with later is dropped.
 * @example new MicroServicesApp(import.meta.url, { viewTimeout: 5000 }); // a view pending 5 s is a ViewTimeout
 */
export class ViewTimeout extends MicroServicesError {
  /** The status the client gets: 503, as Express's `connect-timeout` answers. */
  readonly status = 503;

  constructor(
    readonly endpoint: string,
    readonly timeout: number,
  ) {
    super(
      `The view of endpoint '${endpoint}' did not answer within ${timeout} ms (the viewTimeout option), ` +
        `so the client got a 503. Make the view answer or fail sooner (a timeout on what it awaits), ` +
        `or raise viewTimeout (0 turns it off).`,
    );
  }
}

/**
 * A view returned something that is not a response (see the README's "Views" section).
 * @example export const view = () => 42; // InvalidResponse when the route is requested
 */
export class InvalidResponse extends MicroServicesError {
  constructor(
    readonly endpoint: string,
    readonly value: unknown,
    /** What returned it, when not the view: "A beforeRequest hook of endpoint 'admin.home'". */
    readonly source = `The view of endpoint '${endpoint}'`,
  ) {
    super(
      `${source} returned ${quote(value)}, which is not a response. ` +
        `Return a string (HTML), a plain object or array (JSON), render(...), redirect(...), ` +
        `a [body, status, headers?] tuple or a Response; or send the response yourself and return nothing.`,
    );
  }
}

/**
 * Thrown by a converter's `toValue` (the URL does not match) or `toUrl` (the value cannot be
 * written into a URL). It is a signal, not a failure: matching moves on to the next rule.
 * @example toValue: (text) => { if (!isDate(text)) throw new ValidationError(`'${text}' is not a date`); return new Date(text); }
 */
export class ValidationError extends MicroServicesError {}
