import { readFileSync } from "node:fs";
import { MicroServicesApp } from "microservices-app";
import { afterAll, describe, expect, it } from "vitest";
import { fixture } from "../helpers/serve.js";

// The Jinja2 compatibility corpus: templates/<case>.html, rendered with contexts.json, against
// what Jinja2 itself renders (expected.json, written once by generate_expected.py). A case
// listed in differences.json must render that documented output instead (and the README lists
// it with the Nunjucks way to write it), so that a change either way is noticed.
const root = fixture("jinja-corpus");
const read = <T>(name: string): T => JSON.parse(readFileSync(`${root}${name}`, "utf8")) as T;
const expected = read<Record<string, string>>("expected.json");
const contexts = read<Record<string, Record<string, unknown>>>("contexts.json");
/** A case that cannot render as Jinja2 does: what it renders (or the error it raises), and why. */
interface Difference {
  readonly output?: string;
  readonly error?: string;
  readonly why: string;
}
const differences = read<Record<string, Difference>>("differences.json");
const cases = Object.keys(expected).filter((name) => !name.startsWith("_"));

describe("the Jinja2 compatibility corpus", () => {
  const app = new MicroServicesApp(root);
  const render = (name: string) => app.renderTemplate(`${name}.html`, contexts[name] ?? {});
  const identical: string[] = [];

  it("has at least 60 cases, each with its expected output, and no difference for a case that does not exist", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const name of Object.keys(differences)) expect(cases).toContain(name);
  });

  it.each(cases.filter((name) => !(name in differences)))("%s renders as Jinja2 does", (name) => {
    expect(render(name)).toBe(expected[name]);
    identical.push(name);
  });

  it.each(Object.keys(differences))("%s differs from Jinja2 as documented", (name) => {
    const difference = differences[name] as Difference;
    if (difference.error !== undefined) {
      expect(() => render(name)).toThrow(difference.error);
    } else {
      const output = render(name);
      expect(output).toBe(difference.output);
      expect(output).not.toBe(expected[name]);
    }
  });

  it("renders at least 90% of the corpus identically", () => {
    const share = (cases.length - Object.keys(differences).length) / cases.length;
    expect(share).toBeGreaterThanOrEqual(0.9);
  });

  afterAll(() => {
    console.info(
      `Jinja2 corpus: ${identical.length} of ${cases.length} templates render identically to Jinja2 ${expected._jinja2}.`,
    );
  });
});
