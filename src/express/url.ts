import { createURLPattern, type UrlFunction } from "../core/modules/index.js";
import "./types.js";

/**
 * Declares a route (Django's `url()`); an inline view gets Express's request and response,
 * its params typed from the rule. The same function as the core's: modules that return
 * their responses run unchanged on Fastify.
 * @example url("/admin/roles/<int:role_id>/edit/", views.editRole, { name: "role_edit", methods: ["GET", "POST"] })
 */
export const url = createURLPattern as UrlFunction<"express">;
