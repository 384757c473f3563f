import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { fixture, type Served, serve } from "../helpers/serve.js";

describe.each(HOSTS)("debug pages ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "faults", { modules: ["faults"], options: { debug: true } });
  });
  afterAll(() => served.close());

  it("show the request, with cookies and credentials masked", async () => {
    const response = await served.fetch("/throws/?page=2", {
      headers: { cookie: "session=s3cr3t", authorization: "Bearer t0k3n", "x-trace": "abc" },
    });
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).toContain("<h2>Request</h2>\n<p><code>GET /throws/?page=2</code></p>");
    expect(body).toContain("<tr><th>x-trace</th><td>abc</td></tr>");
    expect(body).toContain("<tr><th>cookie</th><td>******** (hidden)</td></tr>");
    expect(body).toContain("<tr><th>authorization</th><td>******** (hidden)</td></tr>");
    expect(body).not.toContain("s3cr3t");
    expect(body).not.toContain("t0k3n");
  });

  it("show the source lines around the frame of the view that threw", async () => {
    const body = await (await served.fetch("/throws/")).text();
    const views = `${fixture("faults")}modules/faults/views.ts`;
    expect(body).toContain("<h2>Your code</h2>");
    expect(body).toMatch(new RegExp(`<h3>[^<]*, ${views.replaceAll("/", "\\/")}:23</h3>`));
    expect(body).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the view's source line, as the page shows it.
      "<mark>   23 &gt;   throw new Error(`sync failure in ${where}`);</mark>",
    );
    expect(body).toContain("   22   export const throws = () =&gt; {");
  });

  it("name the template and line of an error inside a template, with its lines", async () => {
    const body = await (await served.fetch("/bad-template/")).text();
    expect(body).toContain(
      `<h2>In template ${fixture("faults")}templates/bad-syntax.html, its end (line 3)</h2>`,
    );
    expect(body).toContain("<mark>    3 &gt; &lt;p&gt;This block is never closed");
    expect(body).toContain("    2   {% if title %}");
  });
});
