import { render } from "microservices-app";
import { ENABLED_MODULES } from "../../settings.js";

export const index = () => render("home.html", { modules: ENABLED_MODULES });
