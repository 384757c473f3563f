import type { FieldValues, JsonValue, UploadedFile } from "microservices-app";
import { InvalidSchema, url } from "microservices-app";
import { url as fastifyUrl } from "microservices-app/fastify";
import * as v from "valibot";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";

describe("request data types", () => {
  it("types req.query, req.form and req.json from a url's schemas, on each host", () => {
    url(
      "/t/<int:id>/",
      (req) => {
        expectTypeOf(req.params.id).toEqualTypeOf<number>();
        expectTypeOf(req.form).toEqualTypeOf<{ title: string; pages: number }>();
        expectTypeOf(req.json).toEqualTypeOf<{ text: string }>();
        expectTypeOf(req.query).toEqualTypeOf<{ q: string }>();
        return "";
      },
      {
        name: "t",
        methods: ["POST"],
        form: z.object({ title: z.string(), pages: z.coerce.number() }),
        json: v.object({ text: v.string() }),
        query: z.object({ q: z.string() }),
      },
    );
    fastifyUrl(
      "/f/",
      (request) => {
        expectTypeOf(request.form).toEqualTypeOf<{ title: string }>();
        expectTypeOf(request.query).toEqualTypeOf<FieldValues>();
        return "";
      },
      { name: "f", form: z.object({ title: z.string() }) },
    );
  });

  it("gives fields of strings, JSON values, files and cookies without schemas", () => {
    url("/d/", (req) => {
      expectTypeOf(req.form.title).toEqualTypeOf<string | string[] | undefined>();
      expectTypeOf(req.query.page).toEqualTypeOf<string | string[] | undefined>();
      expectTypeOf(req.json).toEqualTypeOf<JsonValue | undefined>();
      expectTypeOf(req.files.upload).toEqualTypeOf<UploadedFile | UploadedFile[] | undefined>();
      expectTypeOf(req.cookies.theme).toEqualTypeOf<string | undefined>();
      return "";
    });
  });

  it("refuses a schema option that is no Standard Schema, naming the rule and the option", () => {
    expect(() => url("/s/", () => "", { name: "s", form: { parse() {} } as never })).toThrow(
      InvalidSchema,
    );
    expect(() => url("/s/", () => "", { name: "s", json: 3 as never })).toThrow(
      /url\("\/s\/"\) was given a json option that is not a Standard Schema/,
    );
  });
});
