// A feature's service as app.ts builds it: the feature's functions with the database (their first
// parameter) supplied once, so routes call `app.vault.members.listMembers(userId, projectId)` and
// never hold the database themselves (docs/architecture.md, "One service style").

/** `fns` with their first parameter `D` supplied. */
export type Bound<D, M> = { [K in keyof M]: M[K] extends (first: D, ...rest: infer A) => infer R ? (...rest: A) => R : never };

export function bind<D, M extends Record<string, (first: D, ...rest: never[]) => unknown>>(first: D, fns: M): Bound<D, M> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(fns)) out[name] = (...rest: never[]) => fn(first, ...rest);
  return out as Bound<D, M>;
}
