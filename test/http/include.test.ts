import {
  InvalidModule,
  InvalidURLName,
  InvalidURLRule,
  include,
  url,
  type ViewRequest,
} from "microservices-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { fixture, type Served, serve } from "../helpers/serve.js";

// The fixture "hooks": the blog module (urlPrefix "/blog") includes its API under "/api" in
// the namespace "api", and that one "/v2" in "v2"; it is mounted under "/site" here.

const faq = (req: ViewRequest) => ({
  endpoint: req.urlRule?.endpoint,
  self: req.urlFor(".help.faq"),
});

describe.each(HOSTS)("include() and registration options ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "hooks", {
      modules: [{ name: "blog", urlPrefix: "/site" }, "lang"],
      appUrls: [include("/help", [url("/faq/", faq, "faq")], { namespace: "help" })],
    });
  });
  afterAll(() => served.close());

  it("mounts a module under the prefix given to registerUrls, on top of its blueprint's", async () => {
    expect(await (await served.fetch("/site/blog/")).text()).toBe("blog index");
    expect(await (await served.fetch("/site/blog/7/")).text()).toBe("post 7");
    expect((await served.fetch("/blog/")).status).toBe(404);
    expect(served.app.urlFor("blog.index")).toBe("/site/blog/");
  });

  it("routes included urls under their prefix, named in their namespace", async () => {
    const response = await served.fetch("/site/blog/api/posts/3/");
    expect(await response.json()).toEqual({
      post: 3,
      endpoint: "blog.api.post",
      rule: "/site/blog/api/posts/<int:post_id>/",
      self: "/site/blog/api/posts/3/",
    });
  });

  it("nests includes, and builds relative names inside the module both ways", async () => {
    const response = await served.fetch("/site/blog/api/v2/ping/");
    expect(await response.json()).toEqual({
      endpoint: "blog.api.v2.ping",
      post: "/site/blog/api/posts/3/",
      index: "/site/blog/",
    });
    expect(served.app.urlFor("blog.api.v2.ping")).toBe("/site/blog/api/v2/ping/");
    expect(served.app.urlFor("blog.api.post", { post_id: 5 })).toBe("/site/blog/api/posts/5/");
  });

  it("includes app-level urls too", async () => {
    expect(await (await served.fetch("/help/faq/")).json()).toEqual({
      endpoint: "help.faq",
      self: "/help/faq/",
    });
    expect(served.app.urlFor("help.faq")).toBe("/help/faq/");
  });

  it("takes a value off the URL with urlValuePreprocessor, and puts it back with urlDefaults", async () => {
    const response = await served.fetch("/fr/hello/");
    expect(await response.json()).toEqual({
      lang: "fr",
      params: {},
      other: "/fr/other/",
      elsewhere: "/de/other/",
    });
    // Outside a request there is no language to default to: it is given.
    expect(served.app.urlFor("lang.other", { lang: "en" })).toBe("/en/other/");
  });
});

describe.each(HOSTS)("include() and registration options, refused ($name)", (host) => {
  it("refuses a registration prefix without a leading slash, naming the module", async () => {
    const app = host.create(fixture("hooks"));
    const error = await app
      .registerUrls([{ name: "blog", urlPrefix: "site" }])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidModule);
    expect((error as Error).message).toBe(
      'Invalid module "blog": the urlPrefix given to registerUrls must start with "/"; got "site".',
    );
    expect(app.blueprints.size).toBe(0);
  });

  it("refuses an include() prefix without a leading slash, and a namespace with a space", () => {
    expect(() => include("api", [])).toThrow(InvalidURLRule);
    expect(() => include("/api", [], { namespace: "a pi" })).toThrow(InvalidURLName);
  });

  it("refuses a name given twice once the includes are flattened", () => {
    const app = host.create(fixture("hooks"));
    expect(() => app.addUrls([url("/a/", () => "a", "help.faq")])).toThrow(InvalidURLName);
    app.addUrls([include("/help", [url("/faq/", () => "faq", "faq")], { namespace: "help" })]);
    expect(() =>
      app.addUrls([include("/aide", [url("/faq/", () => "faq", "faq")], { namespace: "help" })]),
    ).toThrow(/'help\.faq' is defined twice/);
  });
});
