// templates/: Nunjucks environments over the layered search path (Flask's templating.py).

export { keywordArguments, TemplateEngine } from "./template-engine.js";
