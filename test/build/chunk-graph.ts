// The one walk over a bundle's chunk graph that both the build (vite.config.ts, preloading a lazy chunk's imports)
// and the bench (test/bench/sizes.ts, what a page loads at most) need.

/** Every chunk `file` imports statically, transitively (not `file` itself unless it is in a cycle), given each chunk's own. */
export function staticClosure(importsOf: (file: string) => readonly string[] | undefined, file: string): Set<string> {
  const seen = new Set<string>();
  const visit = (from: string) => {
    for (const dep of importsOf(from) ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      visit(dep);
    }
  };
  visit(file);
  return seen;
}
