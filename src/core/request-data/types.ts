import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { JsonValue } from "./parse-body.js";
import type { FieldValues } from "./records.js";
import type { RequestSchemas } from "./validation.js";

/** The types of a view's `req.query`, `req.form` and `req.json`. */
export interface RequestDataTypes {
  query: unknown;
  form: unknown;
  json: unknown;
}

/** Without schemas: fields of strings (arrays when repeated), and any JSON value or none. */
export interface DefaultRequestData {
  query: FieldValues;
  form: FieldValues;
  json: JsonValue | undefined;
}

/** The output of a schema, or the default type when there is none. */
type Output<Schema, Default> = Schema extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<Schema>
  : Default;

/**
 * The request data types a url's schemas give its view.
 * @example type Data = RequestDataOf<{ form: typeof threadForm }>; // Data["form"] is the schema's output
 */
export type RequestDataOf<Schemas extends RequestSchemas> = {
  query: Output<Schemas["query"], FieldValues>;
  form: Output<Schemas["form"], FieldValues>;
  json: Output<Schemas["json"], JsonValue | undefined>;
};
