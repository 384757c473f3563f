import { Router } from "microservices-app";
import { urlpatterns } from "./urls.js";

export const MODULE_NAME = "forum";

// These blueprints are what the app collects when it runs registerUrls().
export const blueprint = Router.createBlueprint(MODULE_NAME, import.meta.url);
blueprint.registerUrls(urlpatterns);
