/**
 * `npm run size`: builds the weapp when needed, prints the main-package and total sizes
 * against the 1 MB budget, and runs WeChat DevTools' code-quality check offline
 * (miniprogram-ci checkCodeQuality). Exits 1 when over budget or when any rule fails.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ci from 'miniprogram-ci';
import { ensureBuild } from './ensure-build';

const ROOT = path.resolve(__dirname, '../..');
const BUDGET = 1024 * 1024;

interface QualityRule {
  name: string;
  success: boolean;
  text: string;
  detail?: unknown;
}

interface AnalysedFile {
  path: string;
  size: number;
  subPackage: string | null;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** miniprogram-ci wants a signing key even offline: a throwaway one, made for this run. */
function throwawayKey(): { file: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'size-key-'));
  const { privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const file = path.join(dir, 'private.key');
  fs.writeFileSync(file, privateKey, { mode: 0o600 });
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function main() {
  ensureBuild('weapp');
  const projectConfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { appid: string };
  const key = throwawayKey();
  let failed = false;
  try {
    const project = new ci.Project({
      appid: projectConfig.appid,
      type: 'miniProgram',
      projectPath: ROOT,
      privateKeyPath: key.file,
      ignores: ['node_modules/**/*'],
    });
    const api = ci as unknown as {
      analyseCode(p: unknown): Promise<{ files: AnalysedFile[] }>;
      checkCodeQuality(p: unknown): Promise<QualityRule[]>;
    };

    const { files } = await api.analyseCode(project);
    const packages = new Map<string, number>();
    for (const f of files) packages.set(f.subPackage ?? '__APP__', (packages.get(f.subPackage ?? '__APP__') ?? 0) + f.size);
    const main = packages.get('__APP__') ?? 0;
    const total = [...packages.values()].reduce((a, b) => a + b, 0);
    console.log('\nweapp package sizes (dist/weapp, as WeChat counts them)');
    console.log(`  main package  ${kb(main).padStart(10)}  budget ${kb(BUDGET)}  ${main <= BUDGET ? 'OK' : 'OVER BUDGET'}`);
    for (const [name, size] of packages) if (name !== '__APP__') console.log(`  ${name.padEnd(12)}  ${kb(size).padStart(10)}`);
    console.log(`  total         ${kb(total).padStart(10)}`);
    const largest = [...files].sort((a, b) => b.size - a.size).slice(0, 5);
    console.log(`  largest files: ${largest.map((f) => `${f.path} ${kb(f.size)}`).join(', ')}`);
    if (main > BUDGET) failed = true;

    console.log('\nWeChat code quality (miniprogram-ci checkCodeQuality)');
    const rules = await api.checkCodeQuality(project);
    for (const rule of rules) {
      console.log(`  ${rule.success ? 'PASS' : 'FAIL'}  ${rule.name}${rule.success ? '' : ` — ${rule.text}`}`);
      if (!rule.success) {
        failed = true;
        if (rule.detail !== undefined) console.log(`        ${JSON.stringify(rule.detail)}`);
      }
    }
    if (rules.length === 0) {
      console.log('  no rules were reported');
      failed = true;
    }
  } finally {
    key.cleanup();
  }
  console.log(failed ? '\nsize: FAILED' : '\nsize: all within budget, every rule passes');
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
