import type { Logger } from "./logger.js";
import type { RequestDataOptions } from "./request-data/index.js";
import type { ConverterDefinition } from "./routing/converters.js";
import type { DomainMatching } from "./routing/domain.js";

/** The options of an app; every one has a default. */
export interface MicroServicesOptions extends RequestDataOptions {
  /** The app's folder; by default the folder of the location given to the constructor. */
  rootPath?: string;
  /** Root templates folder, relative to the root: "templates". */
  templateFolder?: string;
  /** Root static folder, relative to the root: "static". */
  staticFolder?: string;
  /** Where static files are served: "/static". */
  staticUrlPath?: string;
  /**
   * Bytes a static file may have to be served from memory with debug off: 262144 (256 KiB).
   * A file is read on its first request; each request still checks its stats on the disk, so
   * a changed or deleted file is answered as the disk has it. Larger files stream; 0 streams
   * every file.
   * @example new MicroServicesApp(import.meta.url, { staticMemoryLimit: 64 * 1024 });
   */
  staticMemoryLimit?: number;
  /** Bytes all static files held in memory may take together: 33554432 (32 MiB); then files stream. */
  staticMemoryTotal?: number;
  /**
   * Whether a whole body a view, a hook or an error page returns gets a weak `ETag` (and a
   * conditional GET its `304`): default `true`, as Express's `res.send`. `false` is Express's
   * `app.set("etag", false)`, on both hosts (and plain Fastify's default): a tag the response
   * sets itself still gets its 304, and static files keep their own validators.
   * @example new MicroServicesApp(import.meta.url, { etag: false });
   */
  etag?: boolean;
  /** Debug pages for errors, templates and static files re-read from disk. Off by default. */
  debug?: boolean;
  /** Host (and port) for external URLs built outside a request: "example.com". */
  serverName?: string;
  /** Scheme of external URLs built outside a request: "http". */
  preferredUrlScheme?: string;
  /** Log every template lookup, Flask's EXPLAIN_TEMPLATE_LOADING. */
  explainTemplateLoading?: boolean;
  /** Extra rule converters by name (they may replace the builtins). */
  converters?: Readonly<Record<string, ConverterDefinition>>;
  /** Where log lines go: `console` by default. */
  logger?: Logger;
  /**
   * Milliseconds an async view may stay pending before the client gets the 503 page and the
   * logger a line naming the request and the timeout: 30000 (gunicorn's worker timeout). What
   * the view settles with later is dropped. Sync views are never timed; 0 turns it off.
   * @example new MicroServicesApp(import.meta.url, { viewTimeout: 5000 });
   */
  viewTimeout?: number;
  /**
   * `false`: every rule matches with and without its trailing slash, no redirect (a url's own
   * `strictSlashes` wins). Default `true`: `/admin` is a 308 to `/admin/`, as Werkzeug.
   */
  strictSlashes?: boolean;
  /**
   * Default `true`, as Werkzeug: `//a///b/` is a 308 to `/a/b/` when that matches, and `//`
   * in a rule matches and builds as `/`.
   */
  mergeSlashes?: boolean;
  /**
   * The host names requests may name (`Host`); another is a 400. An entry starting with "."
   * (`.example.com`) also accepts the domain's subdomains. A `Host` that is not a host name
   * (`user@host`, spaces, `/`, `\`) is a 400 whether or not this is set.
   * @example new MicroServicesApp(import.meta.url, { trustedHosts: ["example.com", ".example.org"] });
   */
  trustedHosts?: readonly string[];
  /**
   * The path the app is served under (Werkzeug's `script_name`, Flask's `APPLICATION_ROOT`):
   * every rule matches under it (another path is a 404) and every URL built carries it. Behind
   * a proxy that strips the prefix, the host's proxy trust on, `X-Forwarded-Prefix` replaces it.
   * @example new MicroServicesApp(import.meta.url, { mountPath: "/blog" }); // "/blog/posts/" serves "/posts/"
   */
  mountPath?: string;
  /**
   * Routes by subdomain, the part of the Host before `serverName` (which it needs): a url's
   * or module's `subdomain` ("api", "<user>"); urls without one are on the bare `serverName`.
   * @example new MicroServicesApp(import.meta.url, { serverName: "example.com", subdomainMatching: true });
   */
  subdomainMatching?: boolean;
  /**
   * Routes by the whole Host: a url's `host` ("api.example.com", "<user>.example.com");
   * urls without one are served on every host, after those with one.
   * @example new MicroServicesApp(import.meta.url, { hostMatching: true });
   */
  hostMatching?: boolean;
}

/** The domain matching the options ask for, checked: `serverName` for subdomains, not both. */
export function checkDomainMatching(options: MicroServicesOptions): DomainMatching | undefined {
  const { subdomainMatching, hostMatching, serverName } = options;
  if (subdomainMatching && hostMatching) {
    throw new TypeError(
      "The subdomainMatching and hostMatching options exclude each other: route by subdomain (url's subdomain option) or by whole host (url's host option), not both.",
    );
  }
  if (subdomainMatching && !serverName) {
    throw new TypeError(
      'The subdomainMatching option needs serverName, the host subdomains are read under: new MicroServicesApp(import.meta.url, { serverName: "example.com", subdomainMatching: true }).',
    );
  }
  return subdomainMatching ? "subdomain" : hostMatching ? "host" : undefined;
}

/** The longest delay `setTimeout` keeps: a longer one would fire at once. */
const MAX_TIMEOUT = 2 ** 31 - 1;

/** The `viewTimeout` option, checked: a whole number of milliseconds `setTimeout` can keep. */
export function checkViewTimeout(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_TIMEOUT) {
    throw new RangeError(
      `The viewTimeout option must be a whole number of milliseconds from 0 (no timeout) to ${MAX_TIMEOUT}, got ${String(value)}. Pass, e.g., viewTimeout: 30000.`,
    );
  }
  return value;
}
