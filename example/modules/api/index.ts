import { Router } from "microservices-app";
import { urlpatterns } from "./urls.js";
import { jsonError } from "./views.js";

export const MODULE_NAME = "api";

// The API reads the forum's data (modules/forum/threads.ts): one data module, two modules
// that show it, one as pages and one as JSON.
export const blueprint = Router.createBlueprint(MODULE_NAME, import.meta.url);
blueprint.registerUrls(urlpatterns);
// Its own error handlers: whatever the API's views and schemas refuse is answered in JSON,
// while the rest of the site keeps its HTML error pages.
for (const status of [400, 404, 500]) blueprint.errorHandler(status, jsonError);
