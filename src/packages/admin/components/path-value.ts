/** Reading and replacing a value deep in a plain object by its dotted path (`tiers.2.keep`), the way the server names fields. */

export function getAt(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node === null || typeof node !== 'object' ? undefined : (node as Record<string, unknown>)[key]), root);
}

/** A copy of `root` with the value at `path` replaced; the objects and arrays along the path are copied, the rest shared. */
export function setAt<T>(root: T, path: string, value: unknown): T {
  const [key, ...rest] = path.split('.');
  const node = root as unknown as Record<string, unknown> | unknown[];
  const next = rest.length ? setAt((node as Record<string, unknown>)[key!], rest.join('.'), value) : value;
  if (Array.isArray(node)) return node.map((item, i) => (String(i) === key ? next : item)) as T;
  return { ...node, [key!]: next } as T;
}
