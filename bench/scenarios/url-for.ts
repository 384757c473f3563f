// Scenario 6: building a URL with two params and a query param, vs path-to-regexp's compile().
import { MicroServicesApp, url } from "microservices-app";
import { compile } from "path-to-regexp";
import { compareOperations } from "../lib/micro.js";
import { type Row, row } from "../lib/report.js";
import type { Settings } from "../lib/settings.js";
import { TARGETS } from "../lib/targets.js";
import { quietLogger } from "../servers/types.js";

export function urlForScenario(settings: Settings, log: (row: Row) => void) {
  const app = new MicroServicesApp(import.meta.url, { logger: quietLogger });
  app.addUrls([url("/users/<int:user_id>/posts/<slug>/", () => "", "post")]);
  const toPath = compile("/users/:user_id/posts/:slug/");
  const ours = () => app.urlFor("post", { user_id: 42, slug: "hello world", page: 2 });
  // path-to-regexp takes strings only and builds no query string: the user adds both.
  const theirs = () =>
    `${toPath({ user_id: String(42), slug: "hello world" })}?page=${encodeURIComponent(String(2))}`;
  if (ours() !== theirs())
    throw new Error(`The two sides build different URLs: ${ours()} vs ${theirs()}.`);
  log(
    row(
      "6",
      "urlFor, two params and a query, vs path-to-regexp compile",
      "URLs/s",
      compareOperations(ours, theirs, settings),
      TARGETS.urlFor,
    ),
  );
}
