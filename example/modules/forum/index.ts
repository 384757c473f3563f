import { fileURLToPath } from "node:url";
import { Router } from "microservices-app";
import { applyMigrations } from "../../database.js";

import { urlpatterns } from "./urls.js";

export const MODULE_NAME = "forum";

// These blueprints are what the app collects when it runs registerUrls().
export const blueprint = Router.createBlueprint(MODULE_NAME, import.meta.url);
blueprint.registerUrls(urlpatterns);
// Its tables are created (and seeded) by its own numbered migrations when it is enabled.
applyMigrations(MODULE_NAME, fileURLToPath(new URL("./migrations/", import.meta.url)));
