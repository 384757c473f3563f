import type { PortableView, RuleParams, URLPattern, View } from "microservices-app";
import { url } from "microservices-app";
import { describe, expectTypeOf, it } from "vitest";

// These assertions are checked by tsc (`npm test` runs it first); at run time they are no-ops.
describe("RuleParams", () => {
  it('reads "/roles/<int:role_id>/<slug:title>/" as { role_id: number; title: string }', () => {
    expectTypeOf<RuleParams<"/roles/<int:role_id>/<slug:title>/">>().toEqualTypeOf<{
      role_id: number;
      title: string;
    }>();
  });

  it('reads <any(a, b):kind> as "a" | "b"', () => {
    expectTypeOf<RuleParams<"/<any(a, b):kind>">>().toEqualTypeOf<{ kind: "a" | "b" }>();
  });

  it("reads quoted any() words without their quotes", () => {
    expectTypeOf<RuleParams<"/<any('c d', \"e\"):kind>">>().toEqualTypeOf<{
      kind: "c d" | "e";
    }>();
  });

  it("reads <name> as a string", () => {
    expectTypeOf<RuleParams<"/users/<name>/">>().toEqualTypeOf<{ name: string }>();
  });

  it("reads <float:x> as a number", () => {
    expectTypeOf<RuleParams<"/price/<float:x>">>().toEqualTypeOf<{ x: number }>();
  });

  it("reads <path:p> as a string", () => {
    expectTypeOf<RuleParams<"/files/<path:p>">>().toEqualTypeOf<{ p: string }>();
  });

  it("reads <uuid:id> and <string:s> as strings", () => {
    expectTypeOf<RuleParams<"/<uuid:id>/<string:s>">>().toEqualTypeOf<{
      id: string;
      s: string;
    }>();
  });

  it("reads a converter with arguments by its name: <int(min=1, max=9):page>", () => {
    expectTypeOf<RuleParams<"/<int(min=1, max=9):page>">>().toEqualTypeOf<{ page: number }>();
  });

  it("reads several variables in one segment", () => {
    expectTypeOf<RuleParams<"/<int:year>-<int:month>.html">>().toEqualTypeOf<{
      year: number;
      month: number;
    }>();
  });

  it("reads a rule with no variables as {}", () => {
    expectTypeOf<RuleParams<"/about/">>().toEqualTypeOf<Record<never, never>>();
  });

  it("reads an unknown converter as unknown", () => {
    expectTypeOf<RuleParams<"/<no_such_converter:day>">>().toEqualTypeOf<{ day: unknown }>();
  });

  it("reads a rule typed only as string as a record of unknowns", () => {
    expectTypeOf<RuleParams<string>>().toEqualTypeOf<Record<string, unknown>>();
  });
});

describe("url() typing", () => {
  it("types req.params.id as a number for url('/x/<int:id>/', (req) => ...)", () => {
    const pattern = url("/x/<int:id>/", (req) => {
      expectTypeOf(req.params.id).toEqualTypeOf<number>();
      // @ts-expect-error: the rule has no variable "name".
      void req.params.name;
      return { id: req.params.id };
    });
    expectTypeOf(pattern).toEqualTypeOf<URLPattern<"/x/<int:id>/">>();
    expectTypeOf(pattern.rule).toEqualTypeOf<"/x/<int:id>/">();
  });

  it("types the params of the named form too", () => {
    url(
      "/k/<any(on, off):state>/<slug:s>",
      (req) => {
        expectTypeOf(req.params.state).toEqualTypeOf<"on" | "off">();
        expectTypeOf(req.params.s).toEqualTypeOf<string>();
        return "";
      },
      { name: "k", methods: ["GET"] },
    );
  });

  it("types a view declared with View<rule>", () => {
    const editRole: View<"/roles/<int:role_id>/"> = (req) => {
      expectTypeOf(req.params.role_id).toEqualTypeOf<number>();
      return "";
    };
    const portable: PortableView<"/roles/<int:role_id>/"> = (req) => {
      expectTypeOf(req.params.role_id).toEqualTypeOf<number>();
      return "";
    };
    url("/roles/<int:role_id>/", editRole, "edit");
    url("/roles/<int:role_id>/", portable, "edit_portable");
  });
});
