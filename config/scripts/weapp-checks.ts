/**
 * The checks a weapp build passes before it is counted done or sent to WeChat: the main package
 * within its budget (sizes as WeChat counts them, per subpackage) and WeChat DevTools' code
 * quality rules — both run offline by miniprogram-ci (analyseCode, checkCodeQuality) on a project.
 * Used by `npm run size` and by the release commands (config/scripts/wechat.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ci from 'miniprogram-ci';

export const MAIN_PACKAGE_BUDGET = 1024 * 1024;

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

export interface WeappCheck {
  ok: boolean;
  mainBytes: number;
  /** What to print, a line each. */
  lines: string[];
}

export async function checkWeapp(project: ci.Project): Promise<WeappCheck> {
  const api = ci as unknown as {
    analyseCode(p: unknown): Promise<{ files: AnalysedFile[] }>;
    checkCodeQuality(p: unknown): Promise<QualityRule[]>;
  };
  const lines: string[] = [];
  let ok = true;
  const { files } = await api.analyseCode(project);
  const packages = new Map<string, number>();
  for (const f of files) packages.set(f.subPackage ?? '__APP__', (packages.get(f.subPackage ?? '__APP__') ?? 0) + f.size);
  const main = packages.get('__APP__') ?? 0;
  const total = [...packages.values()].reduce((a, b) => a + b, 0);
  lines.push('', 'weapp package sizes (dist/weapp, as WeChat counts them)');
  lines.push(`  main package  ${kb(main).padStart(10)}  budget ${kb(MAIN_PACKAGE_BUDGET)}  ${main <= MAIN_PACKAGE_BUDGET ? 'OK' : 'OVER BUDGET'}`);
  for (const [name, size] of packages) if (name !== '__APP__') lines.push(`  ${name.padEnd(12)}  ${kb(size).padStart(10)}`);
  lines.push(`  total         ${kb(total).padStart(10)}`);
  const largest = [...files].sort((a, b) => b.size - a.size).slice(0, 5);
  lines.push(`  largest files: ${largest.map((f) => `${f.path} ${kb(f.size)}`).join(', ')}`);
  if (main > MAIN_PACKAGE_BUDGET) ok = false;

  lines.push('', 'WeChat code quality (miniprogram-ci checkCodeQuality)');
  const rules = await api.checkCodeQuality(project);
  for (const rule of rules) {
    lines.push(`  ${rule.success ? 'PASS' : 'FAIL'}  ${rule.name}${rule.success ? '' : ` — ${rule.text}`}`);
    if (!rule.success) {
      ok = false;
      if (rule.detail !== undefined) lines.push(`        ${JSON.stringify(rule.detail)}`);
    }
  }
  if (rules.length === 0) {
    lines.push('  no rules were reported');
    ok = false;
  }
  return { ok, mainBytes: main, lines };
}

/**
 * miniprogram-ci wants a signing key even offline: a throwaway one, made for this run (the
 * checks never reach WeChat).
 */
export function throwawayKey(): { file: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-check-key-'));
  const { privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const file = path.join(dir, 'private.key');
  fs.writeFileSync(file, privateKey, { mode: 0o600 });
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
