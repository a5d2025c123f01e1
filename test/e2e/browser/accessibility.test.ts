import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, findAxeViolations } from '../support/axe.js';
import { saveArtifact } from '../support/artifacts.js';
import { audienceContexts, openPageKind, screenshot, startBrowserAndSite, watchPage } from '../support/browser.js';
import { PAGE_KINDS } from '../support/page-kinds.js';
import { type E2eSite } from '../support/site.js';

// axe-core on every page kind (support/page-kinds.ts) as its audience sees it, rendered by
// Chromium with the stylesheet applied (colour contrast needs it): no serious or critical
// violation, no console error, no failed same-origin request. A screenshot of each page kind
// goes to test-artifacts/screenshots/page-<name>.png; failures also save axe's findings.

/**
 * Violations already reported as app bugs: tolerated with a warning (and saved under
 * test-artifacts/axe/) so the suite stays usable until src/ is fixed. Delete an entry as soon as
 * its fix lands; never add one without reporting the bug.
 */
const KNOWN_VIOLATIONS: readonly { id: string; target: RegExp; bug: string }[] = [];

let browser: Browser;
let site: E2eSite;
startBrowserAndSite((started) => {
  ({ browser, site } = started);
});

const contextFor = audienceContexts(() => browser, () => site);

describe('accessibility (axe-core, serious and critical)', () => {
  it.each(PAGE_KINDS.map((kind) => [`${kind.name} (${kind.as})`, kind] as const))('%s', async (_label, kind) => {
    const page = await (await contextFor(kind.as)).newPage();
    const trouble = watchPage(page, site.origin);
    try {
      const response = await openPageKind(page, site, kind);
      expect(response.status(), `${kind.name}: status`).toBe(kind.status);
      const found = await findAxeViolations(page);
      const known = found.filter((v) => KNOWN_VIOLATIONS.some((k) => k.id === v.id && v.targets.every((target) => k.target.test(target))));
      const violations = found.filter((v) => !known.includes(v));
      if (known.length > 0) {
        saveArtifact('axe', `${kind.name}.known.json`, JSON.stringify(known, null, 2));
        console.warn(`${kind.name}: known, reported accessibility bug still present:\n${describeViolations(known)}`);
      }
      await screenshot(page, `page-${kind.name}`);
      if (violations.length > 0) saveArtifact('axe', `${kind.name}.json`, JSON.stringify(violations, null, 2));
      expect(violations, `${kind.name} at ${page.url()}:\n${describeViolations(violations)}`).toEqual([]);
      expect(trouble.consoleErrors, 'console errors').toEqual([]);
      expect(trouble.failedRequests, 'failed same-origin requests').toEqual([]);
    } finally {
      await page.close();
    }
  });
});
