import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { converters } from "../fixtures/routing/converters.js";
import { HOSTS } from "../helpers/hosts.js";
import { type Served, serve } from "../helpers/serve.js";

interface Echo {
  module: string;
  params: Record<string, unknown>;
  types: Record<string, string>;
}

describe.each(HOSTS)("routing ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "routing", { modules: ["catalog", "methods", "wide", "narrow"] });
  });
  afterAll(() => served.close());

  const echo = async (path: string): Promise<Echo> => {
    const response = await served.fetch(path);
    expect(response.status).toBe(200);
    return (await response.json()) as Echo;
  };

  describe("precedence (rules registered least specific first)", () => {
    it("prefers static text over any converter", async () => {
      expect((await echo("/items/new")).params).toEqual({});
      expect(served.app.urlFor("catalog.new")).toBe("/items/new");
    });

    it("prefers int over slug, and gives the view a number", async () => {
      const { params, types } = await echo("/items/42");
      expect(params).toEqual({ item_id: 42 });
      expect(types).toEqual({ item_id: "number" });
    });

    it("prefers float, uuid and any(...) over slug", async () => {
      expect((await echo("/items/9.5")).params).toEqual({ price: 9.5 });
      expect((await echo("/items/7C9E6679-7425-40DE-944B-E07FC1F90AE7")).params).toEqual({
        item_uuid: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
      });
      expect((await echo("/items/red")).params).toEqual({ color: "red" });
    });

    it("falls back to slug for other text, and to path last", async () => {
      expect((await echo("/items/blue-shoes")).params).toEqual({ slug: "blue-shoes" });
      expect((await echo("/items/a/b/c")).params).toEqual({ rest: "a/b/c" });
      expect((await echo("/items/not a slug")).params).toEqual({ rest: "not a slug" });
    });

    it("does not match int past Number.MAX_SAFE_INTEGER: the next rule answers", async () => {
      expect((await echo("/items/9007199254740991")).params).toEqual({ item_id: 9007199254740991 });
      expect((await echo("/items/9007199254740992")).params).toEqual({ slug: "9007199254740992" });
    });

    it("prefers a segment with more static text (<int>.json over <slug>)", async () => {
      expect((await echo("/items/5.json")).params).toEqual({ item_id: 5 });
      expect(served.app.urlFor("catalog.by_int_json", { item_id: 5 })).toBe("/items/5.json");
    });

    it("matches a path converter followed by more static text", async () => {
      expect((await echo("/files/docs/a/b.txt/edit")).params).toEqual({
        file_path: "docs/a/b.txt",
      });
    });

    it("tries a converter when the static rule exists only for another method", async () => {
      expect((await echo("/users/new")).params).toEqual({ user: "new" });
      const created = await served.fetch("/users/new", { method: "POST" });
      expect(((await created.json()) as Echo).params).toEqual({});
    });

    it("does not depend on module order: a static rule of a later module beats an earlier converter", async () => {
      expect(await (await served.fetch("/shop/special/")).text()).toBe("narrow");
      expect(await (await served.fetch("/shop/other/")).text()).toBe("wide");
      const reversed = await serve(host, "routing", { modules: ["narrow", "wide"] });
      try {
        expect(await (await reversed.fetch("/shop/special/")).text()).toBe("narrow");
        expect(await (await reversed.fetch("/shop/other/")).text()).toBe("wide");
      } finally {
        await reversed.close();
      }
    });
  });

  describe("typed params", () => {
    it("converts int, float and uuid values for the view", async () => {
      const response = await served.fetch("/typed/3/2.5/00000000-0000-0000-0000-00000000000A/");
      expect(await response.json()).toEqual({
        n: 3,
        f: 2.5,
        u: "00000000-0000-0000-0000-00000000000a",
        types: ["number", "number", "string"],
      });
    });

    it("is a 404 when a value does not fit its converter", async () => {
      expect(
        (await served.fetch("/typed/x/2.5/00000000-0000-0000-0000-000000000000/")).status,
      ).toBe(404);
      expect((await served.fetch("/typed/3/2/00000000-0000-0000-0000-000000000000/")).status).toBe(
        404,
      );
    });

    it("percent-decodes params once", async () => {
      expect(await (await served.fetch("/echo/caf%C3%A9/")).json()).toEqual({ name: "café" });
      expect(await (await served.fetch("/echo/100%2525/")).json()).toEqual({ name: "100%25" });
      expect(await (await served.fetch("/echo/a%20b/")).json()).toEqual({ name: "a b" });
    });

    it("decodes the path before matching, so an encoded slash separates segments", async () => {
      expect((await served.fetch("/echo/a%2Fb/")).status).toBe(404);
    });

    it("matches non-ASCII static text sent percent-encoded", async () => {
      expect(await (await served.fetch("/caf%C3%A9/")).text()).toBe("read GET");
      expect(served.app.urlFor("methods.cafe")).toBe("/caf%C3%A9/");
    });

    it("keeps reserved words as plain values", async () => {
      expect(await (await served.fetch("/echo/__proto__/")).json()).toEqual({ name: "__proto__" });
      expect(await (await served.fetch("/echo/constructor/")).json()).toEqual({
        name: "constructor",
      });
    });
  });

  describe("strict slashes", () => {
    it("redirects a rule ending in / requested without it, with a 308 keeping the query string", async () => {
      const response = await served.fetch("/dir?page=2&q=a%20b");
      expect(response.status).toBe(308);
      expect(response.headers.get("location")).toBe("/dir/?page=2&q=a%20b");
    });

    it("keeps the request's own encoding in the redirect", async () => {
      const response = await served.fetch("/caf%C3%A9");
      expect(response.status).toBe(308);
      expect(response.headers.get("location")).toBe("/caf%C3%A9/");
    });

    it("is a 404 for a rule without the slash requested with one", async () => {
      expect((await served.fetch("/file")).status).toBe(200);
      expect((await served.fetch("/file/")).status).toBe(404);
    });

    it("never redirects to another host: //dir and /\\dir get a Location on this host", async () => {
      const response = await served.raw("//dir?x=1");
      expect(response.status).toBe(308);
      expect(response.headers.location).toBe("/dir/?x=1");
      const backslash = await served.raw("/\\dir");
      expect(backslash.status).toBe(308);
      // Leading slashes and backslashes are folded into one "/": a path on this host.
      expect(backslash.headers.location).toBe("/dir/");
      // The fixture's rule "/\\dir/" made the second 308; the first is mergeSlashes' to "/dir/".
      const merged = await served.raw("//dir/");
      expect(merged.status).toBe(308);
      expect(merged.headers.location).toBe("/dir/");
      expect((await served.raw("/\\dir/")).status).toBe(200);
    });
  });

  describe("methods", () => {
    it("dispatches one rule to different views by method", async () => {
      expect(await (await served.fetch("/thing/")).text()).toBe("read GET");
      expect(await (await served.fetch("/thing/", { method: "POST" })).text()).toBe("write POST");
      expect(await (await served.fetch("/thing/", { method: "PUT" })).text()).toBe("write PUT");
    });

    it("answers 405 with a sorted, stable Allow header", async () => {
      const response = await served.fetch("/thing/", { method: "DELETE" });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST, PUT");
      const onlyPost = await served.fetch("/only-post/");
      expect(onlyPost.status).toBe(405);
      expect(onlyPost.headers.get("allow")).toBe("OPTIONS, POST");
    });

    it("serves HEAD for GET rules with the GET's view, which sees the method HEAD", async () => {
      const head = await served.raw("/form/", { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers["content-type"]).toBe("text/html; charset=utf-8");
      // The length of the body the view made, "form HEAD", which HEAD does not send.
      expect(head.headers["content-length"]).toBe("9");
    });

    it("answers OPTIONS with Allow when no rule claims it", async () => {
      const response = await served.fetch("/form/", { method: "OPTIONS" });
      expect(response.status).toBe(204);
      expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
      expect(await response.text()).toBe("");
    });

    it("lets a rule claim OPTIONS", async () => {
      const response = await served.fetch("/custom-options/", { method: "OPTIONS" });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-custom")).toBe("yes");
      expect(await response.text()).toBe("custom OPTIONS");
    });

    it("is a 404, not a 405, for OPTIONS on an unknown path", async () => {
      expect((await served.fetch("/nowhere/", { method: "OPTIONS" })).status).toBe(404);
    });
  });

  describe("bad requests", () => {
    it.each(["/echo/%zz/", "/echo/%E0%A4%A/", "/%", "/echo/%C0%AF/", "/echo/%FF/"])(
      "answers the malformed escape %s with a 400 that shows no path",
      async (path) => {
        const response = await served.raw(path);
        expect(response.status).toBe(400);
        expect(response.body).not.toContain(path);
        expect(response.body).toContain("400 Bad Request");
      },
    );

    it("answers a request Node's parser refuses (a space in the path) with the 400 page", async () => {
      const response = await served.raw("/echo/a b/");
      expect(response.status).toBe(400);
      expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(response.headers.connection).toBe("close");
      expect(response.body).toContain("400 Bad Request");
    });

    it("answers headers too large with the 431 page", async () => {
      const response = await served.raw("/file", { headers: { "x-large": "a".repeat(20_000) } });
      expect(response.status).toBe(431);
      expect(response.body).toContain("431 Request Header Fields Too Large");
    });

    it("keeps serving after bad requests", async () => {
      await served.raw("/%zz");
      expect((await served.fetch("/file")).status).toBe(200);
    });
  });

  describe("user converters", () => {
    let calendar: Served;
    beforeAll(async () => {
      calendar = await serve(host, "routing", { modules: ["calendar"], options: { converters } });
    });
    afterAll(() => calendar.close());

    it("converts with the user's toValue, and outranks a string variable (weight 50)", async () => {
      expect(await (await calendar.fetch("/day/2026-11-24/")).json()).toEqual({
        iso: "2026-11-24T00:00:00.000Z",
        isDate: true,
      });
      expect(await (await calendar.fetch("/day/today/")).json()).toEqual({ label: "today" });
    });

    it("lets the next rule try when toValue throws ValidationError", async () => {
      expect(await (await calendar.fetch("/day/2026-02-30/")).json()).toEqual({
        label: "2026-02-30",
      });
    });

    it("builds URLs with the user's toUrl", () => {
      expect(calendar.app.urlFor("calendar.day", { day: new Date("2026-01-02T00:00:00Z") })).toBe(
        "/day/2026-01-02/",
      );
      expect(() => calendar.app.urlFor("calendar.day", { day: "soon" })).toThrow(
        "'soon' is not a Date",
      );
    });

    it("takes arguments when defined as a function", async () => {
      expect(await (await calendar.fetch("/week/ABC/")).json()).toEqual({ code: "ABC" });
      expect((await calendar.fetch("/week/ABCD/")).status).toBe(404);
    });
  });
});
