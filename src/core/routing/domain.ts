import { InvalidURLRule } from "../errors.js";
import { type ConverterDefinition, ValidationError } from "./converters.js";
import { parseRule } from "./parse-rule.js";
import { compileRule, type DynamicPattern } from "./rule.js";

/**
 * How an app routes by host: `subdomain` (Werkzeug's `subdomain_matching`, the part of the
 * Host before `serverName`) or `host` (`host_matching`, the whole Host).
 */
export type DomainMatching = "subdomain" | "host";

/** A url's `subdomain` or `host` rule, compiled: static text, or one pattern over the domain. */
export interface CompiledDomain {
  /** The rule as written: "api", "<user>", "<user>.example.com". */
  readonly rule: string;
  /** A rule without variables, lower-cased: the key of its own matcher. */
  readonly text: string | undefined;
  /** A rule with variables: the pattern its whole domain must match. */
  readonly pattern: DynamicPattern | undefined;
  /** Its variables, which `req.params` gets beside the path's. */
  readonly variables: readonly string[];
  /** Writes the domain from `urlFor`'s values; `undefined` when a variable has no value. */
  write(values: Readonly<Record<string, unknown>>): string | undefined;
}

/** What a domain rule may hold besides its placeholders: host name characters (and a port). */
const DOMAIN_TEXT = /^[A-Za-z0-9.:-]*$/;

/**
 * Compiles a url's `subdomain` or `host` option with the app's converters; `<user>` takes
 * any text without a "/" (dots included, as in Werkzeug).
 * @example compileDomain("<user>", BUILTIN_CONVERTERS, "subdomain").variables; // ["user"]
 */
export function compileDomain(
  rule: string,
  converters: Readonly<Record<string, ConverterDefinition>>,
  option: "subdomain" | "host",
  owner?: string,
): CompiledDomain {
  const tokens = parseRule(`/${rule}`, owner);
  const text = tokens.map((token) => (token.type === "static" ? token.text : "")).join("");
  if (!DOMAIN_TEXT.test(text.slice(1)) || (option === "host" && rule.length === 0)) {
    throw new InvalidURLRule(
      rule,
      `the ${option} option must be a host name${option === "subdomain" ? " part" : ""} made of letters, digits, '.' and '-', with <name> placeholders, e.g. ${option === "subdomain" ? '"api" or "<user>"' : '"api.example.com" or "<user>.example.com"'}.`,
      owner,
    );
  }
  const compiled = compileRule(`/${rule}`, tokens, converters, owner);
  const [segment] = compiled.segments;
  const pattern = compiled.tail ?? (segment?.type === "dynamic" ? segment : undefined);
  return {
    rule,
    text: pattern ? undefined : rule.toLowerCase(),
    pattern,
    variables: compiled.variables,
    write: (values) => compiled.writePath(values)?.slice(1),
  };
}

/**
 * The values of a domain that matches a pattern, converted; `undefined` when it does not
 * match or a converter refuses it.
 */
export function captureDomain(pattern: DynamicPattern, domain: string): unknown[] | undefined {
  const found = pattern.regex.exec(domain);
  if (!found) return undefined;
  try {
    return pattern.groups.map((group, index) =>
      (pattern.converters[index] as (typeof pattern.converters)[number]).toValue(
        found[group] as string,
      ),
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return undefined;
  }
}

/** A host lower-cased, without the standard port (":80", ":443") a browser leaves out. */
export const normalizeHost = (host: string): string =>
  host.toLowerCase().replace(/:(?:80|443)$/, "");

/**
 * The domain key a request is matched with: its whole Host (host matching), or the part of it
 * before `serverName` (subdomain matching). A Host not under `serverName` (an IP address,
 * another name) has the default subdomain "", as in Werkzeug 3.2.
 * @example requestDomain("alice.example.com", "subdomain", "example.com"); // "alice"
 */
export function requestDomain(
  host: string | undefined,
  mode: DomainMatching,
  serverName: string,
): string {
  if (host === undefined) return "";
  const name = normalizeHost(host);
  if (mode === "host") return name;
  return name.endsWith(`.${serverName}`) ? name.slice(0, -serverName.length - 1) : "";
}

/**
 * The host a domain key stands for: the subdomain before `serverName`, or the whole host.
 * @example domainHost("api", "subdomain", "example.com"); // "api.example.com"
 */
export function domainHost(domain: string, mode: DomainMatching, serverName: string): string {
  if (mode === "host") return domain;
  return domain ? `${domain}.${serverName}` : serverName;
}
