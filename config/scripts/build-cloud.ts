/**
 * `npm run build:cloud`: bundles each cloud function with esbuild into a deployable folder of
 * its own — index.js + package.json (+ config.json for timers) — under project.config.json's
 * cloudfunctionRoot. wx-server-sdk stays a dependency that WeChat installs on upload.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { functions } from '../../cloud/functions';

const root = path.resolve(__dirname, '../..');

export function cloudFunctionRoot(): string {
  const project = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8')) as {
    cloudfunctionRoot?: string;
  };
  return path.resolve(root, project.cloudfunctionRoot ?? 'dist/cloudfunctions');
}

export async function buildCloudFunctions(outRoot = cloudFunctionRoot()): Promise<string[]> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  // Callable functions wrap their definition; the `jobs` timer function builds its own main.
  const entries: Record<string, string> = Object.fromEntries(
    Object.keys(functions).map((name) => [
      name,
      [
        `import { wechatMain } from './cloud/functions/wechat-entry';`,
        `import { ${name} } from './cloud/functions/${name}';`,
        `export const main = wechatMain(${JSON.stringify(name)}, ${name});`,
      ].join('\n'),
    ]),
  );
  entries.jobs = `import { buildMain } from './cloud/functions/jobs';\nexport const main = buildMain();`;
  const names = Object.keys(entries);
  for (const name of names) {
    const outDir = path.join(outRoot, name);
    fs.rmSync(outDir, { recursive: true, force: true });
    const started = Date.now();
    await build({
      stdin: {
        contents: entries[name]!,
        resolveDir: root,
        sourcefile: `${name}-entry.ts`,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      outfile: path.join(outDir, 'index.js'),
      // wx-server-sdk is installed by WeChat on upload; pg-native is pg's optional native driver.
      external: ['wx-server-sdk', 'pg-native'],
      legalComments: 'none',
      minify: true,
      keepNames: true,
      logLevel: 'warning',
    });
    fs.writeFileSync(
      path.join(outDir, 'package.json'),
      `${JSON.stringify(
        {
          name,
          version: '1.0.0',
          private: true,
          main: 'index.js',
          dependencies: { 'wx-server-sdk': pkg.dependencies['wx-server-sdk'] },
        },
        null,
        2,
      )}\n`,
    );
    const timers = path.join(root, 'cloud/functions', name, 'config.json');
    if (fs.existsSync(timers)) fs.copyFileSync(timers, path.join(outDir, 'config.json'));
    const kb = (fs.statSync(path.join(outDir, 'index.js')).size / 1024).toFixed(0);
    console.log(`cloud function ${name.padEnd(10)} ${kb} KB  ${Date.now() - started} ms  → ${path.relative(root, outDir)}`);
  }
  return names;
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  buildCloudFunctions().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
