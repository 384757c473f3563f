import type { StandardSchemaV1 } from "@standard-schema/spec";
import { MicroServicesError } from "../errors.js";
import type { FieldProblem, Rejection } from "./rejection.js";

/** The schemas a url may give for its request data (any Standard Schema: Zod, Valibot, ArkType). */
export interface RequestSchemas {
  readonly query?: StandardSchemaV1 | undefined;
  readonly form?: StandardSchemaV1 | undefined;
  readonly json?: StandardSchemaV1 | undefined;
}

/** What a url declares about its request data: schemas, and whether CSRF applies. */
export interface RouteRequestData {
  readonly schemas: RequestSchemas;
  /** `false`: exempt from CSRF checks (the url's or its module's `csrf: false`). */
  readonly csrf: boolean | undefined;
}

/** A schema option that is no Standard Schema. */
export class InvalidSchema extends MicroServicesError {
  constructor(
    readonly rule: string,
    readonly option: string,
  ) {
    super(
      `url(${JSON.stringify(rule)}) was given a ${option} option that is not a Standard Schema (an object with a "~standard" property, as Zod, Valibot and ArkType schemas are); pass e.g. { ${option}: z.object({ ... }) }.`,
    );
  }
}

/** The schemas of a url without any: one object for all of them. */
const NO_SCHEMAS: RequestSchemas = Object.freeze({});

/**
 * Checks the schema options of `url(rule, view, { query, form, json })`.
 * @example readSchemas("/new/", { form: z.object({ title: z.string() }) });
 */
export function readSchemas(rule: string, options: Record<string, unknown>): RequestSchemas {
  // Most urls have none: they share one empty object (an app may have thousands of urls).
  if (options.query === undefined && options.form === undefined && options.json === undefined)
    return NO_SCHEMAS;
  const schemas: Record<string, StandardSchemaV1> = {};
  for (const option of ["query", "form", "json"] as const) {
    const schema = options[option];
    if (schema === undefined) continue;
    const standard = (schema as { "~standard"?: { validate?: unknown } } | null)?.["~standard"];
    if (typeof standard?.validate !== "function") throw new InvalidSchema(rule, option);
    schemas[option] = schema as StandardSchemaV1;
  }
  return Object.freeze(schemas);
}

/** An issue's path, dotted: "tags.0.name". */
function fieldPath(issue: StandardSchemaV1.Issue): string {
  return (issue.path ?? [])
    .map((segment) => String(typeof segment === "object" ? segment.key : segment))
    .join(".");
}

/** Where a field comes from, in the words of a 400 page. */
const PLACES = { query: "query parameter", form: "form field", json: "JSON field" } as const;

/** The 400 of a failed validation: a sentence per field, and the problems for JSON clients. */
export function validationRejection(problems: readonly FieldProblem[]): Rejection {
  const sentences = problems.map((problem) =>
    problem.field === ""
      ? `The ${problem.location === "json" ? "JSON body" : `${problem.location} data`}: ${problem.message}`
      : `The ${PLACES[problem.location]} '${problem.field}': ${problem.message}`,
  );
  return { status: 400, description: sentences.join(" "), problems };
}

/**
 * Validates the request's query, form and JSON against a url's schemas; resolves to the
 * schemas' outputs, or to every field's problem (all three are checked, so that a client
 * learns every mistake at once).
 * @example const result = await validate(schemas, { query, form, json });
 */
export async function validate(
  schemas: RequestSchemas,
  values: { query: unknown; form: unknown; json: unknown },
): Promise<
  | { ok: true; values: Partial<Record<keyof RequestSchemas, unknown>> }
  | { ok: false; problems: FieldProblem[] }
> {
  const problems: FieldProblem[] = [];
  const output: Partial<Record<keyof RequestSchemas, unknown>> = {};
  for (const location of ["query", "form", "json"] as const) {
    const schema = schemas[location];
    if (schema === undefined) continue;
    const result = await schema["~standard"].validate(values[location]);
    if (result.issues === undefined) output[location] = result.value;
    else {
      for (const issue of result.issues) {
        problems.push({ location, field: fieldPath(issue), message: issue.message });
      }
    }
  }
  return problems.length === 0 ? { ok: true, values: output } : { ok: false, problems };
}
