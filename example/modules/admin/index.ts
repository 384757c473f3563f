import { fileURLToPath } from "node:url";
import { Router } from "microservices-app";
import { applyMigrations } from "../../database.js";
import { ensureDevelopmentUser } from "./accounts.js";

import { urlpatterns } from "./urls.js";
import { requireSignIn } from "./views.js";

export const MODULE_NAME = "admin";

// These blueprints are what the app collects when it runs registerUrls().
export const blueprint = Router.createBlueprint(MODULE_NAME, import.meta.url);
blueprint.registerUrls(urlpatterns);
// The module guards its own pages: no URL matching in the app, no middleware per host.
blueprint.beforeRequest(requireSignIn);
// Its tables (roles, users) come from its own migrations; the first start adds the
// development user (ADMIN_USER / ADMIN_PASSWORD, "admin" / "admin" by default).
applyMigrations(MODULE_NAME, fileURLToPath(new URL("./migrations/", import.meta.url)));
ensureDevelopmentUser();
