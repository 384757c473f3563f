import { url } from "microservices-app";
import { pageQuery } from "./queries.js";
import * as views from "./views.js";

export const urlpatterns = [
  url("/api/health/", views.health, "health"),
  // The query is checked by its Standard Schema before the view runs: req.query.page is a
  // number. (An inline view takes its request type from the options.)
  url("/api/threads/", (req) => views.threads(req), { name: "threads", query: pageQuery }),
  url("/api/threads/<int:thread_id>/", views.thread, "thread"),
];
