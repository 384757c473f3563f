import { isAbsolute, join, relative, sep } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BuildError } from "../../src/core/errors.js";
import { safeRelativePath } from "../../src/core/lookup/search-path.js";
import { StaticFiles } from "../../src/core/lookup/static-files.js";
import { BUILTIN_CONVERTERS } from "../../src/core/routing/builtin-converters.js";
import { parseConverterArgs } from "../../src/core/routing/converter-args.js";
import { instantiateConverter } from "../../src/core/routing/converters.js";
import { resolveRequest } from "../../src/core/routing/resolve.js";
import { buildUrl } from "../../src/core/routing/reverse.js";
import { UrlMap } from "../../src/core/routing/url-map.js";
import { markupEscape } from "../../src/core/templates/jinja-compat.js";
import { HOSTILE_PATH_PIECES } from "../helpers/path-pieces.js";
import { fixture } from "../helpers/serve.js";
import { route, urlMap } from "./support.js";

// Properties over generated input (fast-check): what must hold for every rule, value and path,
// not only for the examples the other tests chose. A failure prints the smallest input found.

/** One variable of a generated rule: its placeholder, a value to build with, the value matched back. */
interface Variable {
  readonly placeholder: (name: string) => string;
  readonly value: unknown;
  readonly matched: unknown;
  readonly crossesSlash?: boolean;
}

const same = (value: unknown): Pick<Variable, "value" | "matched"> => ({ value, matched: value });

/** Text for `string`: any Unicode but "/", escapes and URL syntax included. */
const segmentText = fc
  .oneof(
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }),
    fc.string({
      unit: fc.constantFrom("%", "?", "#", "&", "+", " ", ".", "..", "\\", ";", "é", "\0"),
      minLength: 1,
      maxLength: 6,
    }),
  )
  .map((text) => text.replaceAll("/", "_"))
  .filter((text) => text.length > 0);

const stringVariable: fc.Arbitrary<Variable> = fc
  .tuple(
    segmentText,
    fc.constantFrom("none", "length", "minlength", "maxlength", "both"),
    fc.nat(3),
  )
  .map(([text, kind, slack]) => {
    const args = {
      none: "",
      length: `(length=${text.length})`,
      minlength: `(minlength=${Math.max(0, text.length - slack)})`,
      maxlength: `(maxlength=${text.length + slack})`,
      both: `(minlength=${Math.max(0, text.length - slack)}, maxlength=${text.length + slack})`,
    }[kind];
    return { placeholder: (name) => `<string${args}:${name}>`, ...same(text) };
  });

const intVariable: fc.Arbitrary<Variable> = fc.oneof(
  fc.maxSafeNat().map((n) => ({ placeholder: (name: string) => `<int:${name}>`, ...same(n) })),
  fc.maxSafeInteger().map((n) => ({
    placeholder: (name: string) => `<int(signed=True):${name}>`,
    ...same(n),
  })),
  fc
    .integer({ min: 1, max: 15 })
    .chain((digits) => fc.tuple(fc.constant(digits), fc.integer({ min: 0, max: 10 ** digits - 1 })))
    .map(([digits, n]) => ({
      placeholder: (name: string) => `<int(fixed_digits=${digits}):${name}>`,
      ...same(n),
    })),
  fc
    .tuple(fc.integer({ min: -1000, max: 1000 }), fc.nat(1000))
    .chain(([min, width]) =>
      fc.tuple(fc.constant(min), fc.constant(min + width), fc.integer({ min, max: min + width })),
    )
    .map(([min, max, n]) => ({
      placeholder: (name: string) => `<int(min=${min}, max=${max}, signed=True):${name}>`,
      ...same(n),
    })),
);

/** Finite doubles but -0, which a URL writes as "0.0" and so reads back as 0. */
const double = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x));

const floatVariable: fc.Arbitrary<Variable> = fc.oneof(
  double(0, Number.MAX_VALUE).map((x) => ({
    placeholder: (name: string) => `<float:${name}>`,
    ...same(x),
  })),
  double(-Number.MAX_VALUE, Number.MAX_VALUE).map((x) => ({
    placeholder: (name: string) => `<float(signed=True):${name}>`,
    ...same(x),
  })),
  fc
    .tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 1000 }))
    .chain(([min, width]) =>
      fc.tuple(fc.constant(min), fc.constant(min + width), double(min, min + width)),
    )
    .map(([min, max, x]) => ({
      placeholder: (name: string) => `<float(min=${min}, max=${max}, signed=True):${name}>`,
      ...same(x),
    })),
);

const uuidVariable: fc.Arbitrary<Variable> = fc
  .tuple(fc.uuid(), fc.boolean())
  .map(([id, upper]) => ({
    placeholder: (name) => `<uuid:${name}>`,
    value: upper ? id.toUpperCase() : id,
    matched: id.toLowerCase(),
  }));

const slugVariable: fc.Arbitrary<Variable> = fc
  .stringMatching(/^[-a-zA-Z0-9_]{1,12}$/)
  .map((slug) => ({ placeholder: (name) => `<slug:${name}>`, ...same(slug) }));

const anyVariable: fc.Arbitrary<Variable> = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9 ._-]{0,7}$/), { minLength: 1, maxLength: 5 })
  .chain((words) => fc.tuple(fc.constant(words), fc.constantFrom(...words)))
  .map(([words, word]) => ({
    placeholder: (name) => `<any(${words.map((w) => `'${w}'`).join(", ")}):${name}>`,
    ...same(word),
  }));

/** A `path` value: segments of any text, maybe empty ones, never a leading "/". */
const pathVariable: fc.Arbitrary<Variable> = fc
  .array(fc.oneof(segmentText, fc.constant("")), { minLength: 1, maxLength: 4 })
  .map((segments) => segments.join("/"))
  .filter((text) => text.length > 0 && !text.startsWith("/"))
  .map((text) => ({
    placeholder: (name) => `<path:${name}>`,
    ...same(text),
    crossesSlash: true,
  }));

/** Static text of a rule: URL syntax, escapes and non-ASCII included (no "<", ">", "?", "#"). */
const staticText = fc.string({
  unit: fc.constantFrom(..."abcz019-._~%!$&'()*+,;=:@ é中\\".split("")),
  maxLength: 6,
});

/** One segment: static text, or a variable between (possibly empty) static text. */
const segment = fc.oneof(
  staticText.map((text) => ({ text })),
  fc
    .tuple(
      staticText,
      fc.oneof(
        stringVariable,
        intVariable,
        floatVariable,
        uuidVariable,
        slugVariable,
        anyVariable,
        pathVariable,
      ),
      staticText,
    )
    .map(([prefix, variable, suffix]) => ({ prefix, variable, suffix })),
);

interface GeneratedRule {
  readonly rule: string;
  readonly values: Record<string, unknown>;
  readonly matched: Record<string, unknown>;
}

/**
 * A rule of up to 5 segments, one variable a segment at most (two in one segment, or two
 * `path`s, can split a URL in more than one way) and values for it, under a unique first
 * segment so that several rules can share a map.
 */
const generatedRule = (index: number): fc.Arbitrary<GeneratedRule> =>
  fc
    .tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.boolean())
    .filter(
      ([segments]) =>
        segments.filter((s) => "variable" in s && s.variable.crossesSlash).length <= 1,
    )
    .map(([segments, trailingSlash]) => {
      const values: Record<string, unknown> = {};
      const matched: Record<string, unknown> = {};
      const parts = segments.map((part, position) => {
        if (!("variable" in part)) return part.text;
        const name = `v${position}`;
        values[name] = part.variable.value;
        matched[name] = part.variable.matched;
        return `${part.prefix}${part.variable.placeholder(name)}${part.suffix}`;
      });
      return { rule: `/r${index}/${parts.join("/")}${trailingSlash ? "/" : ""}`, values, matched };
    });

describe("urlFor and matching are inverse (every builtin converter, random rules and values)", () => {
  it("matches the URL built for an endpoint back to that endpoint and the same values (1,000 runs)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((count) =>
            fc.tuple(
              fc.tuple(...Array.from({ length: count }, (_, index) => generatedRule(index))),
              fc.nat(count - 1),
              fc.option(segmentText, { nil: undefined }),
            ),
          ),
        ([rules, pick, query]) => {
          const map = new UrlMap();
          for (const [index, { rule }] of rules.entries()) map.add(route(rule, `e${index}`));
          const chosen = rules[pick] as GeneratedRule;
          const params = query === undefined ? chosen.values : { ...chosen.values, q: query };
          const url = buildUrl(
            map,
            `e${pick}`,
            params,
            { module: null },
            { serverName: undefined, scheme: "http" },
          );
          const resolved = resolveRequest(map, "GET", url);
          expect(resolved.kind, `${chosen.rule} built ${url}`).toBe("route");
          if (resolved.kind !== "route") return;
          expect(resolved.route.endpoint).toBe(`e${pick}`);
          expect({ ...resolved.params }).toEqual(chosen.matched);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("a converter's accepts and its regex", () => {
  // The matcher tests a `/<int:id>/` segment with the converter's `accepts` instead of its
  // regex: the two must agree on every text, or a URL would match differently.
  const converters = [
    ["int", ""],
    ["int", "signed=True"],
    ["int", "fixed_digits=3"],
    ["int", "3, signed=True"],
    ["string", ""],
    ["string", "length=2"],
    ["string", "minlength=2, maxlength=4"],
    ["string", "minlength=0, maxlength=2"],
  ] as const;
  const text = fc.oneof(
    fc.string({
      unit: fc.constantFrom("0", "1", "9", "-", "/", "a", " ", "\n", "٣"),
      maxLength: 6,
    }),
    fc.string({ maxLength: 6 }),
  );

  for (const [name, args] of converters) {
    it(`${name}(${args}) accepts exactly what its regex accepts (2,000 runs)`, () => {
      const definition = BUILTIN_CONVERTERS[name] as (typeof BUILTIN_CONVERTERS)[string];
      const converter = instantiateConverter(name, definition, parseConverterArgs(args));
      const regex = new RegExp(`^(?:${converter.regex})$`, "s");
      const accepts = converter.accepts as (text: string) => boolean;
      expect(accepts).toBeTypeOf("function");
      let accepted = 0;
      fc.assert(
        fc.property(text, (candidate) => {
          expect(accepts(candidate), JSON.stringify(candidate)).toBe(regex.test(candidate));
          if (regex.test(candidate)) accepted++;
        }),
        { numRuns: 2000 },
      );
      // Texts it accepts occur, so the property is not vacuous.
      expect(accepted).toBeGreaterThan(0);
    });
  }
});

describe("the int converter's value", () => {
  // It reads the digits itself rather than through Number(): the two must agree on every
  // text the converter accepts, and past 2^53 it must refuse what Number() cannot hold.
  const run = (minLength: number, maxLength: number) =>
    fc.string({ unit: fc.constantFrom(..."0123456789"), minLength, maxLength });
  // Short runs, and runs around 2^53 (16 digits), where a sum of digits could go wrong.
  const digits = fc.oneof(run(1, 15), run(15, 22));
  const signedDigits = fc
    .tuple(fc.boolean(), digits)
    .map(([minus, text]) => `${minus ? "-" : ""}${text}`);

  it("is Number()'s for every run of digits, signed or not, and refused past a safe integer (5,000 runs)", () => {
    const definition = BUILTIN_CONVERTERS.int as (typeof BUILTIN_CONVERTERS)[string];
    const converter = instantiateConverter("int", definition, parseConverterArgs("signed=True"));
    let refused = 0;
    fc.assert(
      fc.property(signedDigits, (text) => {
        const expected = Number(text);
        if (Number.isSafeInteger(expected)) {
          expect(Object.is(converter.toValue(text), expected), text).toBe(true);
        } else {
          expect(() => converter.toValue(text), text).toThrow("is not an int");
          refused++;
        }
      }),
      { numRuns: 5000 },
    );
    // Texts past 2^53 occur, so the refusal is tested too.
    expect(refused).toBeGreaterThan(0);
  });
});

describe("markupsafe's escape", () => {
  // markupsafe's definition, character by character: what the faster markupEscape must equal.
  const ESCAPES: Record<string, string> = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "'": "&#39;",
    '"': "&#34;",
  };
  const reference = (text: string) => text.replace(/[&<>'"]/g, (char) => ESCAPES[char] as string);

  it("escapes any text as markupsafe does (5,000 runs)", () => {
    const text = fc.oneof(
      fc.string({
        unit: fc.constantFrom("&", "<", ">", "'", '"', "\\", "a", "é", " "),
        maxLength: 12,
      }),
      fc.string({ unit: "grapheme", maxLength: 12 }),
    );
    fc.assert(
      fc.property(text, (candidate) => {
        expect(markupEscape(candidate), JSON.stringify(candidate)).toBe(reference(candidate));
      }),
      { numRuns: 5000 },
    );
    expect(markupEscape(`<a href="x">Tom & 'Jerry'</a>\\`)).toBe(
      "&lt;a href=&#34;x&#34;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;\\",
    );
  });
});

describe("urlFor with any text", () => {
  const map = urlMap(["/s/<name>", "string"], ["/p/<path:page>", "path"]);
  const build = (endpoint: string, params: Record<string, unknown>) =>
    buildUrl(map, endpoint, params, { module: null }, { serverName: undefined, scheme: "http" });

  /** Any UTF-16 text: code points of every plane, and lone surrogates (rare in "binary"). */
  const anyText = fc.string({
    unit: fc.oneof(
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
      fc.constantFrom("\ud800", "\udfff", "/", "%"),
    ),
    minLength: 1,
  });

  // A lone surrogate ("\ud800") once escaped urlFor as a bare URIError; it is a BuildError now.
  it("builds a URL that matches back, or throws a BuildError, never another error (1,000 runs)", () => {
    fc.assert(
      fc.property(fc.constantFrom("string", "path"), anyText, (endpoint, text) => {
        const variable = endpoint === "string" ? "name" : "page";
        let url: string;
        try {
          url = build(endpoint, { [variable]: text });
        } catch (error) {
          expect(error).toBeInstanceOf(BuildError);
          return;
        }
        const resolved = resolveRequest(map, "GET", url);
        expect(resolved.kind === "route" && resolved.params[variable]).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});

/** Pieces of hostile paths: escapes (valid, overlong, malformed), dots, slashes, Unicode. */
const hostilePiece = fc.oneof(
  fc.constantFrom(
    ...HOSTILE_PATH_PIECES,
    " ",
    "\0",
    "\ud800",
    "é",
    "中",
    "__proto__",
    "constructor",
    "static",
    "r",
    "1",
    "-1",
    "1.5",
    "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
    "new",
  ),
  fc.string({ unit: "grapheme", maxLength: 4 }),
  fc.string({ unit: "binary", maxLength: 4 }),
);
const hostileTarget = fc
  .tuple(fc.constantFrom("/", "", "http://h/", "*"), fc.array(hostilePiece, { maxLength: 20 }))
  .map(([start, pieces]) => start + pieces.join(""));

describe("resolving any request line", () => {
  const map = urlMap(
    ["/", "index"],
    ["/r/<int:id>/", "int"],
    ["/r/<int(signed=True):id>.json", "signed"],
    ["/r/<float:x>/", "float"],
    ["/r/<uuid:id>", "uuid"],
    ["/r/<any(new, 'old one'):kind>/", "any"],
    ["/r/<slug:s>/", "slug"],
    ["/r/<name>", "string"],
    ["/r/<string(length=2):two>/x", "two"],
    ["/files/<path:p>/edit", "files", ["GET", "POST"]],
    ["/files/<path:p>", "tail"],
    ["/static/<path:filename>", "static"],
  );

  it("never throws, and answers a route, a redirect, an Allow list or a 400/404/405 (3,000 runs)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("GET", "HEAD", "POST", "OPTIONS", "DELETE", "FOO"),
        hostileTarget,
        (method, target) => {
          const resolved = resolveRequest(map, method, target);
          if (resolved.kind === "error") expect([400, 404, 405]).toContain(resolved.status);
          if (resolved.kind === "redirect") expect(resolved.location).toMatch(/^\/(?![/\\])/);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

const root = fixture("hostile");

/** Whether `path`, joined to `folder`, stays inside it. */
const inside = (folder: string, path: string): boolean => {
  const within = relative(folder, join(folder, path));
  return within !== "" && within.split(sep)[0] !== ".." && !isAbsolute(within);
};

describe("names that could climb out of a folder", () => {
  it("safeRelativePath gives only paths inside the folder, unchanged (5,000 runs)", () => {
    fc.assert(
      fc.property(
        fc.array(hostilePiece, { maxLength: 12 }).map((pieces) => pieces.join("")),
        (name) => {
          const safe = safeRelativePath(name, { dotfiles: true });
          if (safe === undefined) return;
          expect(safe).toBe(name);
          expect(inside(root, safe)).toBe(true);
          // Nor a name Windows would read as "..": it drops a segment's trailing dots and spaces.
          expect(safe.split("/").some((part) => /^[. ]+$/.test(part))).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });

  /** The fixture's names, the ways out of a folder, and the dot-file planted beside them. */
  const fixtureName = fc.constantFrom(
    ...["sub", "inner.txt", "public.txt", "big.txt", "m.txt", "static", "modules", "m"],
    ...[".secret", "secret.txt", "secret.html", "templates", "..", ".", ""],
  );
  const PUBLIC = ["public.txt", "big.txt", "sub/inner.txt", "m.txt"];
  /** A way to the files beside (or under) a folder, or none. */
  const climb = fc.constantFrom("", "", "", "../", "./", "sub/../", "..%2f", ".secret/", "../../");
  /**
   * Names made of them: segments joined by "/", pieces glued to hostile ones, or a public file
   * behind a climb (a public file as it is about one time in eight).
   */
  const staticName = fc.oneof(
    fc.array(fixtureName, { minLength: 1, maxLength: 4 }).map((segments) => segments.join("/")),
    fc
      .array(fc.oneof(fixtureName, hostilePiece), { minLength: 1, maxLength: 8 })
      .map((pieces) => pieces.join("")),
    fc
      .tuple(climb, fc.constantFrom(...PUBLIC, "secret.txt", "m/secret.txt", "secret.html"))
      .map(([way, name]) => way + name),
  );
  const folders = [
    { module: "m", path: join(root, "modules", "m", "static") },
    { module: null, path: join(root, "static") },
  ];

  it("the static index finds the public files, in production and in debug (the control)", () => {
    for (const debug of [false, true]) {
      const files = new StaticFiles(folders, { debug });
      for (const name of PUBLIC) expect(files.find(name)?.relativePath, name).toBe(name);
      expect(files.find("m.txt")?.module).toBe("m");
      expect(files.find("public.txt")?.module).toBeNull();
    }
  });

  it("the static index finds only the public files, never a dot-file, and debug finds what production does (1,000 runs)", () => {
    const production = new StaticFiles(folders, { debug: false });
    const debug = new StaticFiles(folders, { debug: true });
    let hits = 0;
    fc.assert(
      fc.property(staticName, (name) => {
        const found = production.find(name);
        expect(debug.find(name), `debug and production on ${JSON.stringify(name)}`).toEqual(found);
        if (found === undefined) return;
        hits++;
        expect(inside(found.root, found.relativePath)).toBe(true);
        expect(PUBLIC).toContain(found.relativePath);
      }),
      { numRuns: 1000 },
    );
    // The generator reaches real files (some 80 names in 1,000): the property is not vacuous.
    expect(hits).toBeGreaterThan(40);
  });
});
