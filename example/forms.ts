import type { StandardSchemaV1 } from "@standard-schema/spec";

/** A form checked by its schema: its output, or each field's first problem and what was typed. */
export type CheckedForm<Schema extends StandardSchemaV1> =
  | { readonly ok: true; readonly value: StandardSchemaV1.InferOutput<Schema> }
  | {
      readonly ok: false;
      readonly errors: Record<string, string>;
      readonly values: Record<string, unknown>;
    };

/**
 * Checks a posted form against a Standard Schema (Zod here; Valibot or ArkType alike), for a
 * view that shows the form again with each problem beside its field, as Flask-WTF's
 * `validate_on_submit()` does. (`url(rule, view, { form })` answers a 400 page instead, which
 * suits clients that are not people at a form.)
 * @example const form = await checkForm(threadForm, req.form); if (!form.ok) return [render("new.html", form), 400];
 */
export async function checkForm<Schema extends StandardSchemaV1>(
  schema: Schema,
  values: Record<string, unknown>,
): Promise<CheckedForm<Schema>> {
  const result = await schema["~standard"].validate(values);
  if (result.issues === undefined) return { ok: true, value: result.value };
  const errors: Record<string, string> = {};
  for (const issue of result.issues) {
    const first = issue.path?.[0];
    const field = String(typeof first === "object" ? first.key : (first ?? ""));
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: { ...values } };
}
