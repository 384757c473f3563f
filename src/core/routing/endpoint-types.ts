import type { UrlForParams } from "./reverse.js";

/**
 * The app's endpoints and the values each needs, for type-checked `urlFor` calls. Empty here,
 * so that any endpoint name compiles; `microservices-app types` writes a declaration file that
 * fills it from the app's routes (by declaration merging), and then a wrong endpoint, a
 * missing value or a value of the wrong type is a compile error.
 * @example declare module "microservices-app" { interface UrlEndpoints { "forum.thread": { thread_id: number } } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, from the generated file.
export interface UrlEndpoints {}

/** `urlFor`'s own options, beside the values of the rule and the query string. */
export interface UrlForOptions {
  readonly _anchor?: string;
  readonly _external?: boolean;
  readonly _scheme?: string;
  readonly _method?: string;
}

type Known = Extract<keyof UrlEndpoints, string>;

/** Whether the generated declarations are there (else every name compiles). */
type Typed = [Known] extends [never] ? false : true;

/** ".thread" for "forum.thread", ".about" for the app's "about". */
type RelativeName<E extends string> = E extends `${string}.${infer Name}` ? `.${Name}` : `.${E}`;

/** What a relative name may need: the values of any endpoint of that name (its module is the request's). */
type RelativeValues<Name extends string> = {
  [E in Known]: E extends `${string}.${Name}` | Name ? UrlEndpoints[E] : never;
}[Known];

type ValuesOf<E extends string> = E extends Known
  ? UrlEndpoints[E]
  : E extends `.${infer Name}`
    ? RelativeValues<Name>
    : never;

/**
 * The endpoint names `urlFor` takes: any string, or, once `microservices-app types` ran, the
 * app's endpoints and their relative forms (`.name`).
 * @example const endpoint: Endpoint = "forum.thread";
 */
export type Endpoint = Typed extends true ? Known | RelativeName<Known> : string;

/**
 * `urlFor`'s arguments after the endpoint: the values, required when the rule has variables.
 * @example function link<E extends Endpoint>(endpoint: E, ...values: UrlForArgs<E>) {}
 */
export type UrlForArgs<E extends string> = Typed extends true
  ? // biome-ignore lint/complexity/noBannedTypes: "{} extends T" asks whether every value of T is optional.
    {} extends ValuesOf<E>
    ? [params?: ValuesOf<E> & UrlForOptions & UrlForParams]
    : [params: ValuesOf<E> & UrlForOptions & UrlForParams]
  : [params?: UrlForParams];
