import type { ConverterTypes } from "./converters.js";

type Trim<S extends string> = S extends ` ${infer R}`
  ? Trim<R>
  : S extends `${infer R} `
    ? Trim<R>
    : S;

type Unquote<S extends string> = S extends `"${infer R}"` | `'${infer R}'` ? R : S;

/** The words of `any(a, b, c)` as a union of string literals. */
type AnyWords<Args extends string> = Args extends `${infer Head},${infer Rest}`
  ? Unquote<Trim<Head>> | AnyWords<Rest>
  : Unquote<Trim<Args>>;

/** The value type of one converter, given its name and its (possibly empty) arguments. */
type ConverterValue<Name extends string, Args extends string> = Name extends "any"
  ? AnyWords<Args>
  : Name extends keyof ConverterTypes
    ? ConverterTypes[Name]
    : unknown;

/** `{ name: type }` for the inside of one `<...>` placeholder. */
type Placeholder<Inside extends string> = Inside extends `${infer Converter}:${infer Name}`
  ? Converter extends `${infer ConverterName}(${infer Args})`
    ? { [K in Trim<Name>]: ConverterValue<Trim<ConverterName>, Args> }
    : { [K in Trim<Name>]: ConverterValue<Trim<Converter>, ""> }
  : { [K in Trim<Inside>]: string };

type Merge<T> = { [K in keyof T]: T[K] } & {};

type Collect<Rule extends string> = Rule extends `${string}<${infer Inside}>${infer Rest}`
  ? Placeholder<Inside> & Collect<Rest>
  : unknown;

/**
 * The params a rule gives its view, read from the rule string: `<int:id>` is a `number`,
 * `<any(a, b):kind>` is `"a" | "b"`, `<name>` is a `string`.
 * @example type P = RuleParams<"/roles/<int:role_id>/<slug:title>/">; // { role_id: number; title: string }
 */
export type RuleParams<Rule extends string> = string extends Rule
  ? Record<string, unknown>
  : Merge<Collect<Rule>>;
