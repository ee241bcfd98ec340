// The one version of the vault, its CLI, its packages and its API (semver). test/version.test.ts
// fails when package.json, packages/*/package.json, /openapi.json or CHANGELOG.md disagree with it.
export const VERSION = '0.9.0';
