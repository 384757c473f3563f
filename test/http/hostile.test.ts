import { TemplateNotFound } from "microservices-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { type Served, serve } from "../helpers/serve.js";
import { CLIMBING_TEMPLATES, HOSTILE_CORPUS, type HostileCase, MARKER } from "./hostile-corpus.js";

const statuses = (expected: HostileCase["status"]): readonly number[] =>
  typeof expected === "number" ? [expected] : expected;

/** How a case reads in the test list: its name, and its target cut to a readable length. */
const title = ({ name, target }: HostileCase): string =>
  `${name}: ${JSON.stringify(target.length > 48 ? `${target.slice(0, 45)}...` : target)}`;

/** The cases that ask for static files: also run with debug on, whose lookup reads the disk. */
const staticOnly = (cases: readonly HostileCase[]): readonly HostileCase[] =>
  cases.filter(({ target }) => /^\/static/.test(target));

// The whole corpus runs with debug off; its static cases run with debug on too, since debug
// mode must refuse exactly what production refuses.
const MODES = HOSTS.flatMap((host) => [
  { host, debug: false, name: `${host.name}, debug off`, only: (c: readonly HostileCase[]) => c },
  { host, debug: true, name: `${host.name}, debug on, static cases`, only: staticOnly },
]);

describe.each(MODES)("hostile requests ($name)", ({ host, debug, only }) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "hostile", { modules: ["m"], options: { debug } });
  });
  afterAll(() => served.close());

  /** The server still answers a plain request, on a new connection. */
  const stillServes = async () => {
    const response = await served.raw("/m/");
    expect(response.status, "a plain request after the hostile one").toBe(200);
    expect(response.body).toBe("m index");
  };

  const classes = Object.entries(HOSTILE_CORPUS)
    .map(([name, cases]) => [name, only(cases)] as const)
    .filter(([, cases]) => cases.length > 0);

  describe.each(classes)("%s", (_, cases) => {
    for (const hostile of cases) {
      const { defect } = hostile;
      if (defect) {
        it(`answers ${defect.answers} today, a known defect (${defect.why}), and no secret, to ${title(hostile)}`, async () => {
          const response = await served.raw(hostile.target, hostile.request);
          expect(
            response.status,
            `fixed? then give the case its status ${statuses(hostile.status).join(" or ")} and drop "defect"`,
          ).toBe(defect.answers);
          expect(response.body).not.toContain(MARKER);
          await stillServes();
        });
        continue;
      }
      it(`answers ${statuses(hostile.status).join(" or ")}, never 5xx nor a secret, to ${title(hostile)}`, async () => {
        const response = await served.raw(hostile.target, hostile.request);
        expect(statuses(hostile.status)).toContain(response.status);
        expect(response.status).toBeLessThan(500);
        expect(response.body).not.toContain(MARKER);
        await stillServes();
      });
    }
  });

  // Template names are no static lookup: they run once, with debug off.
  if (!debug)
    describe("template names that climb out of their folders", () => {
      it("renders a name that stays inside (the control)", async () => {
        const response = await served.raw("/m/render/page.html");
        expect(response.status).toBe(200);
        // The file's final newline is dropped, as Jinja2 drops it.
        expect(response.body).toBe("page from m");
      });

      it.each(CLIMBING_TEMPLATES)(
        "refuses $name ($target): a 500, nothing read",
        async ({ target, name, why }) => {
          const response = await served.raw(target);
          expect(response.status).toBe(500);
          expect(response.body).not.toContain(MARKER);
          expect(response.body).not.toContain(name);
          const error = served.logger.errors.at(-1);
          expect(error).toBeInstanceOf(TemplateNotFound);
          expect((error as TemplateNotFound).template).toBe(name);
          expect((error as TemplateNotFound).message).toContain(why);
          // A refused name is refused before the search: no folder was even looked at.
          if (why !== "not found") expect((error as TemplateNotFound).searched).toEqual([]);
          await stillServes();
        },
      );
    });
});
