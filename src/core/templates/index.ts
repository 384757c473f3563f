// templates/: Nunjucks environments over the layered search path (Flask's templating.py),
// with Jinja2's semantics and Flask's template globals.

export { flaskGlobals, type RenderScope, type ScopedGlobal } from "./globals.js";
export { keywordArguments } from "./keyword-args.js";
export { TemplateEngine } from "./template-engine.js";
