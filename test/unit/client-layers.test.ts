/**
 * The app's layers import one way: screens and hooks → stores → services. A service that
 * imports a store ties the two into a cycle (the client would need the session store to be
 * loaded, and the store the client), so the session reaches the client through configureClient.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

/** The modules a file imports (static, dynamic and re-exports), resolved to paths under src/. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.flatMap((spec) => {
    if (spec.startsWith('@/')) return [path.join(SRC, spec.slice(2))];
    if (spec.startsWith('.')) return [path.resolve(path.dirname(file), spec)];
    return [];
  });
}

function importsInto(layer: string, target: string): string[] {
  const targetDir = path.join(SRC, target);
  return sources(path.join(SRC, layer)).flatMap((file) =>
    importsOf(file)
      .filter((p) => p === targetDir || p.startsWith(`${targetDir}${path.sep}`))
      .map((p) => `${path.relative(SRC, file)} → ${path.relative(SRC, p)}`),
  );
}

describe('client layers', () => {
  it('finds an import of a store when there is one (the check can fail)', () => {
    expect(importsInto('pages', 'stores').length).toBeGreaterThan(0);
  });

  it.each([
    ['services', 'stores'],
    ['services', 'hooks'],
    ['services', 'components'],
    ['services', 'pages'],
    ['stores', 'hooks'],
    ['stores', 'components'],
  ])('src/%s imports nothing from src/%s', (layer, target) => {
    expect(importsInto(layer, target)).toEqual([]);
  });
});
