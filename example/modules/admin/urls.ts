import { url } from "microservices-app";
import * as views from "./views.js";

export const urlpatterns = [
  url("/admin/", views.adminPanel, "home"),
  url("/admin/roles/<int:role_id>/edit/", views.editRole, {
    name: "role_edit",
    methods: ["GET", "POST"],
  }),
  url("/admin/login/", views.login, { name: "login", methods: ["GET", "POST"] }),
  url("/admin/logout/", views.logout, { name: "logout", methods: ["POST"] }),
];
