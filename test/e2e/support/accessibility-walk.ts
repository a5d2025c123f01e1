import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, findAxeViolations } from './axe.js';
import { saveArtifact } from './artifacts.js';
import { audienceTabs, loadsInTurn, openPageKind, screenshotIfAsked, slots, startBrowserAndSite, WALK_TABS } from './browser.js';
import { PAGE_KINDS, replayPageKinds, shardOf } from './page-kinds.js';
import { type E2eSite } from './site.js';

// axe-core on every page kind (support/page-kinds.ts) as its audience sees it, rendered by
// Chromium with the stylesheet applied (colour contrast needs it): no serious or critical
// violation, no console error, no failed same-origin request. Failures save axe's findings and
// a screenshot (test-artifacts/screenshots/page-<name>.png; every page kind's with E2E_SCREENSHOTS=1).
//
// The walk is split into shard files (browser/accessibility.part<N>.test.ts) that vitest runs side
// by side. Each shard first replays the page kinds before its part over HTTP (replayPageKinds),
// so its pages are in the state one long walk would leave them in; then it loads its kinds one
// at a time, in list order (some change the site), while axe checks up to WALK_TABS loaded pages
// side by side. Tabs are reused from kind to kind (a new tab costs Chromium more than a page).

/**
 * Violations already reported as app bugs: tolerated with a warning (and saved under
 * test-artifacts/axe/) so the suite stays usable until src/ is fixed. Delete an entry as soon as
 * its fix lands; never add one without reporting the bug.
 */
const KNOWN_VIOLATIONS: readonly { id: string; target: RegExp; bug: string }[] = [];

/** The walk's tests for part `part` of `parts` of PAGE_KINDS. */
export function describeAccessibilityWalk(part: number, parts: number): void {
  const { before, kinds } = shardOf(PAGE_KINDS, part, parts);
  let browser: Browser;
  let site: E2eSite;
  const withTab = audienceTabs(() => browser, () => site);
  startBrowserAndSite(async (started) => {
    ({ browser, site } = started);
    // Signed in first, as in one long walk (the kinds before may change where signing in leads).
    await withTab.signIn(kinds.map((kind) => kind.as));
    await replayPageKinds(site, before);
  });
  const takeTurn = loadsInTurn();
  const checking = slots(WALK_TABS);

  describe(`accessibility (axe-core, serious and critical), part ${part} of ${parts}`, () => {
    it.concurrent.each(kinds.map((kind) => [`${kind.name} (${kind.as})`, kind] as const))('%s', async (_label, kind) => {
      const inTurn = takeTurn();
      try {
        await checking(() =>
          withTab(kind.as, async (page, trouble) => {
            const response = await inTurn(() => openPageKind(page, site, kind));
            expect(response.status(), `${kind.name}: status`).toBe(kind.status);
            const found = await findAxeViolations(page);
            const known = found.filter((v) => KNOWN_VIOLATIONS.some((k) => k.id === v.id && v.targets.every((target) => k.target.test(target))));
            const violations = found.filter((v) => !known.includes(v));
            if (known.length > 0) {
              saveArtifact('axe', `${kind.name}.known.json`, JSON.stringify(known, null, 2));
              console.warn(`${kind.name}: known, reported accessibility bug still present:\n${describeViolations(known)}`);
            }
            const failed = violations.length > 0 || trouble.consoleErrors.length > 0 || trouble.failedRequests.length > 0;
            await screenshotIfAsked(page, `page-${kind.name}`, failed);
            if (violations.length > 0) saveArtifact('axe', `${kind.name}.json`, JSON.stringify(violations, null, 2));
            expect(violations, `${kind.name} at ${page.url()}:\n${describeViolations(violations)}`).toEqual([]);
            expect(trouble.consoleErrors, 'console errors').toEqual([]);
            expect(trouble.failedRequests, 'failed same-origin requests').toEqual([]);
          }),
        );
      } finally {
        inTurn.release();
      }
    });
  });
}
