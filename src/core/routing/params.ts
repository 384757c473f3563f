import { withoutCodeGeneration } from "./generated-code.js";

/** Makes a request's params object from the values the matcher found, in the rule's order. */
export type ParamsMaker = (values: readonly unknown[]) => Record<string, unknown>;

/**
 * The prototype of every params object: not `Object.prototype`, so that a variable named
 * `__proto__` or a segment "constructor" is a plain value, yet objects made by a constructor
 * stay fast ones (`Object.create(null)` objects are dictionaries, which made matching 2.5
 * times slower).
 */
const NO_PROTOTYPE: object = Object.create(null);

/** The params of values, written by a loop: where code may not be generated. */
export function interpretedParamsMaker(variables: readonly string[]): ParamsMaker {
  const Params = function Params() {} as unknown as new () => Record<string, unknown>;
  Params.prototype = NO_PROTOTYPE;
  return (values) => {
    const params = new Params();
    for (let index = 0; index < variables.length; index++) {
      params[variables[index] as string] = values[index];
    }
    return params;
  };
}

/**
 * The params of values, written by a constructor of its own with one named store per
 * variable: a store by a computed name looked the name up on every request, a quarter of
 * resolving a request in the profile. Names enter the code only as JSON string literals.
 */
export function generatedParamsMaker(variables: readonly string[]): ParamsMaker {
  const stores = variables.map(
    (name, index) => `this[${JSON.stringify(name)}] = values[${index}];`,
  );
  const Params = new Function("values", stores.join("\n")) as unknown as new (
    values: readonly unknown[],
  ) => Record<string, unknown>;
  Params.prototype = NO_PROTOTYPE;
  return (values) => new Params(values);
}

/** One maker per list of names: an app's rules repeat a few (`id`, `slug`...), made once each. */
const MAKERS = new Map<string, ParamsMaker>();

/**
 * The maker of the params of a rule's variables, shared by every rule with the same names;
 * without code generation (`node --disallow-code-generation-from-strings`), a loop.
 * @example paramsMaker(["id"])([7]); // { id: 7 }
 */
export function paramsMaker(variables: readonly string[]): ParamsMaker {
  const key = JSON.stringify(variables);
  let maker = MAKERS.get(key);
  if (maker === undefined) {
    maker = withoutCodeGeneration(
      () => generatedParamsMaker(variables),
      () => interpretedParamsMaker(variables),
    );
    MAKERS.set(key, maker);
  }
  return maker;
}
