/**
 * `npm run size`: builds the weapp when needed, prints the main-package and total sizes
 * against the 1 MB budget, and runs WeChat DevTools' code-quality check offline
 * (miniprogram-ci checkCodeQuality). Exits 1 when over budget or when any rule fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as ci from 'miniprogram-ci';
import { ensureBuild } from './ensure-build';
import { checkWeapp, throwawayKey } from './weapp-checks';

const ROOT = path.resolve(__dirname, '../..');

async function main() {
  ensureBuild('weapp');
  const projectConfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { appid: string };
  const key = throwawayKey();
  let ok = false;
  try {
    const project = new ci.Project({
      appid: projectConfig.appid,
      type: 'miniProgram',
      projectPath: ROOT,
      privateKeyPath: key.file,
      ignores: ['node_modules/**/*'],
    });
    const check = await checkWeapp(project);
    for (const line of check.lines) console.log(line);
    ok = check.ok;
  } finally {
    key.cleanup();
  }
  console.log(ok ? '\nsize: all within budget, every rule passes' : '\nsize: FAILED');
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
