import path from 'node:path';

/**
 * The modules of cloud/ the app imports as values — pure, each importing nothing: the rule
 * editor's fields, the audit log's kinds, the export kinds, the SOP script's variables. Everything else the app takes from
 * cloud/ is types (@cloud/contract: erased by babel, never bundled). Named one by one (alias,
 * compile and the build's hash), so that a value imported by mistake from anywhere else in
 * cloud/ still fails the build.
 */
export const APP_CLOUD_MODULES = ['rule-catalogue', 'audit-kinds', 'export-kinds', 'sop-variables'].map((name) => `cloud/domain/${name}.ts`);

/** `@cloud/domain/<name>` → the module's absolute path, for the bundler. */
export function appCloudAliases(root: string): Record<string, string> {
  return Object.fromEntries(APP_CLOUD_MODULES.map((file) => [`@${file.replace(/\.ts$/, '')}`, path.join(root, file)]));
}
