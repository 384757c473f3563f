// Node module hooks for `microservices-app dev` (registered with module.register): a module
// imported again as `index.ts?msa-reload=N&msa-scope=<folder URL>` passes the same query to
// every file it imports inside that folder, so that the module's whole tree is imported
// afresh while the library and the rest of the app stay the ones already loaded.

interface ResolveContext {
  parentURL?: string;
}
interface ResolveResult {
  url: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<ResolveResult>;

/** The resolve hook: adds the parent's reload query to the files inside its scope. */
export async function resolve(
  specifier: string,
  context: ResolveContext,
  nextResolve: NextResolve,
): Promise<ResolveResult> {
  const result = await nextResolve(specifier, context);
  if (!context.parentURL?.includes("msa-reload=") || !result.url.startsWith("file:")) return result;
  const query = new URL(context.parentURL).searchParams;
  const version = query.get("msa-reload");
  const scope = query.get("msa-scope");
  if (!version || !scope || !result.url.startsWith(scope) || result.url.includes("?")) {
    return result;
  }
  return {
    ...result,
    url: `${result.url}?msa-reload=${version}&msa-scope=${encodeURIComponent(scope)}`,
  };
}
