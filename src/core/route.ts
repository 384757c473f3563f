import type { MatchableRoute } from "./matcher.js";
import type { RouteRequestData } from "./request-data/validation.js";
import type { CompiledRule } from "./rule.js";
import type { StaticFiles } from "./static-files.js";
import type { AnyView } from "./view.js";

interface RouteBase extends MatchableRoute {
  /** `<module>.<name>` for a module's url, the bare name for an app-level one. */
  readonly endpoint: string;
  /** The module that owns the route, or `null` for the app. */
  readonly module: string | null;
  readonly rule: string;
  readonly compiled: CompiledRule;
  readonly methods: readonly string[];
}

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

/** A registered route: a view, or static files. */
export type Route = ViewRoute | StaticRoute;
