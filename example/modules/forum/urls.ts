import { url } from "microservices-app";
import * as views from "./views.js";

export const urlpatterns = [
  // One view, two urls under one name (Werkzeug's idiom): url_for(".board") is /forum/,
  // url_for(".board", page=2) is /forum/page/2/.
  url("/forum/", views.board, { name: "board", defaults: { page: 1 } }),
  url("/forum/page/<int:page>/", views.board, "board"),
  url("/forum/<int:thread_id>/", views.thread, { name: "thread", methods: ["GET", "POST"] }),
  url("/forum/new/", views.newThread, { name: "new_thread", methods: ["GET", "POST"] }),
];
