import { Router } from "microservices-app";
import { urlpatterns } from "./urls.js";
import { requireAdministrator } from "./views.js";

export const MODULE_NAME = "admin";

// These blueprints are what the app collects when it runs registerUrls().
export const blueprint = Router.createBlueprint(MODULE_NAME, import.meta.url);
blueprint.registerUrls(urlpatterns);
// The module guards its own pages: no URL matching in the app, no middleware per host.
blueprint.beforeRequest(requireAdministrator);
