import { render, type ViewRequest } from "microservices-app";
import { ENABLED_MODULES } from "../../settings.js";

export const index = () => render("home.html", { modules: ENABLED_MODULES });

/** A plain object is sent as JSON. */
export const health = (req: ViewRequest) => ({
  status: "ok",
  module: req.module,
  modules: ENABLED_MODULES,
});
