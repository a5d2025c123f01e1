import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// What the browser suite needs from the machine. scripts/test.mjs applies the same rules to
// leave out test/e2e/browser (no Chromium) and test/e2e/html (no Java) with a NOT-run line,
// so keep the two in step.

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Debian's Chromium; `CHROMIUM_PATH` points elsewhere (nothing ever downloads a browser). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The Nu Html Checker shipped inside the vnu-jar package, run on the system Java. */
export const VNU_JAR = join(ROOT, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

/** Flags for Chromium in a container: no sandbox (root), no GPU, nothing that phones home, no host but 127.0.0.1. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Every host but the test site's fails at once, as without network: a payload's or a story's
  // image on another origin costs no DNS lookup or download (and contacts nobody) where CI has network.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
] as const;

/** Why Chromium cannot be used here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return undefined;
  } catch {
    return `no Chromium at ${CHROMIUM_PATH} (Debian: apt-get install chromium fonts-wqy-microhei)`;
  }
}

/** Why the Nu Html Checker cannot run here, or undefined when it can. */
export function vnuMissing(): string | undefined {
  try {
    accessSync(VNU_JAR, constants.R_OK);
  } catch {
    return `no ${VNU_JAR} (npm install)`;
  }
  const java = spawnSync('java', ['-version'], { stdio: 'ignore' });
  return java.status === 0 ? undefined : 'no java on PATH (Debian: apt-get install default-jre-headless)';
}
