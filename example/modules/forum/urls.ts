import { url } from "microservices-app";
import * as views from "./views.js";

export const urlpatterns = [
  url("/forum/", views.board, "board"),
  url("/forum/<int:thread_id>/", views.thread, "thread"),
  url("/forum/new/", views.newThread, { name: "new_thread", methods: ["GET", "POST"] }),
];
