import type { StaticFiles } from "../lookup/static-files.js";
import type { RouteRequestData } from "../request-data/validation.js";
import type { CompiledDomain } from "./domain.js";
import type { MatchableRoute } from "./matcher.js";
import type { CompiledRule } from "./rule.js";

/** Any view function, as the core stores it. */
export type AnyView = (...args: never[]) => unknown;

interface RouteBase extends MatchableRoute {
  /** `<module>.<name>` for a module's url, the bare name for an app-level one. */
  readonly endpoint: string;
  /** The module that owns the route, or `null` for the app. */
  readonly module: string | null;
  readonly rule: string;
  readonly compiled: CompiledRule;
  readonly methods: readonly string[];
  /** Values the view gets that the rule does not carry (Werkzeug's `defaults`). */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /** Matched requests are permanently redirected there (Werkzeug's `redirect_to`). */
  readonly redirectTo?: RedirectTarget;
  /** Only for building URLs: never matched (Werkzeug's `build_only`). */
  readonly buildOnly?: boolean;
  /** Its `subdomain` or `host` rule, with subdomain or host matching on. */
  readonly domain?: CompiledDomain;
}

/**
 * Where a `redirectTo` url sends its requests: a rule whose `<name>` placeholders take the
 * matched values, or a function of the matched params that returns the URL.
 */
export type RedirectTarget = string | ((params: Readonly<Record<string, unknown>>) => string);

/** A url whose view answers the request. */
export interface ViewRoute extends RouteBase {
  readonly kind: "view";
  readonly view: AnyView;
  /** The url's schemas and CSRF exemption (its own, else its module's). */
  readonly requestData: RouteRequestData;
}

/** `/static/<path:filename>` or `/static_<module>/<path:filename>`: a static files lookup. */
export interface StaticRoute extends RouteBase {
  readonly kind: "static";
  readonly files: StaticFiles;
}

/** A `redirectTo` or `buildOnly` url: it calls no view (it redirects, or only builds links). */
export interface LinkRoute extends RouteBase {
  readonly kind: "link";
}

/** A registered route: a view, static files, or a link that calls no view. */
export type Route = ViewRoute | StaticRoute | LinkRoute;
