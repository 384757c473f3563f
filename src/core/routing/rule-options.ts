import { InvalidURLRule } from "../errors.js";
import type { RedirectTarget } from "./route.js";

/** The Werkzeug rule options a url may take besides its name and methods. */
export interface RuleOptions {
  /**
   * Values the view gets that the rule does not carry; a request whose values equal them is
   * redirected (308) to the url that has them, Werkzeug's canonical URL.
   * @example url("/users/", views.users, { name: "users", defaults: { page: 1 } })
   */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /** `false`: the rule matches with and without its trailing slash, no redirect. */
  readonly strictSlashes?: boolean;
  /** A permanent (308) redirect to this rule (its `<name>` filled with the matched values). */
  readonly redirectTo?: RedirectTarget;
  /** The url only builds links (`urlFor`), it is never matched. */
  readonly buildOnly?: boolean;
  /**
   * With the app's `subdomainMatching`: the subdomain the url is served on, before
   * `serverName` ("api", or "<user>", which `req.params` gets); it wins over its module's.
   */
  readonly subdomain?: string;
  /** With the app's `hostMatching`: the whole host ("api.example.com", "<user>.example.com"). */
  readonly host?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads and checks the rule options of `url()`; only the options given are returned. */
export function readRuleOptions(rule: string, options: Record<string, unknown>): RuleOptions {
  const read: { -readonly [Key in keyof RuleOptions]: RuleOptions[Key] } = {};
  const { defaults, strictSlashes, redirectTo, buildOnly, subdomain, host } = options;
  if (defaults !== undefined) {
    if (!isRecord(defaults)) {
      throw new InvalidURLRule(rule, "the defaults option must be an object, e.g. { page: 1 }.");
    }
    read.defaults = Object.freeze({ ...defaults });
  }
  for (const [option, value] of [
    ["strictSlashes", strictSlashes],
    ["buildOnly", buildOnly],
  ] as const) {
    if (value !== undefined && typeof value !== "boolean") {
      throw new InvalidURLRule(rule, `the ${option} option must be true or false.`);
    }
  }
  if (strictSlashes !== undefined) read.strictSlashes = strictSlashes as boolean;
  if (buildOnly !== undefined) read.buildOnly = buildOnly as boolean;
  if (redirectTo !== undefined) {
    if (typeof redirectTo === "function") read.redirectTo = redirectTo as RedirectTarget;
    else if (typeof redirectTo === "string" && redirectTo.length > 0) read.redirectTo = redirectTo;
    else {
      throw new InvalidURLRule(
        rule,
        'the redirectTo option must be a rule such as "/new/<id>/" or a function of the params that returns a URL.',
      );
    }
  }
  for (const [option, value] of [
    ["subdomain", subdomain],
    ["host", host],
  ] as const) {
    if (value !== undefined && typeof value !== "string") {
      throw new InvalidURLRule(rule, `the ${option} option must be a string, e.g. "api".`);
    }
  }
  if (subdomain !== undefined && host !== undefined) {
    throw new InvalidURLRule(
      rule,
      "a url takes a subdomain (with subdomainMatching) or a host (with hostMatching), not both.",
    );
  }
  if (subdomain !== undefined) read.subdomain = subdomain as string;
  if (host !== undefined) read.host = host as string;
  if (read.redirectTo !== undefined && read.buildOnly) {
    throw new InvalidURLRule(rule, "a url cannot both redirect (redirectTo) and be buildOnly.");
  }
  return read;
}
