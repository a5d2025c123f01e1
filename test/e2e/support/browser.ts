import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { lastLinkInOutbox } from '../../support/app.js';
import { pathOf, type Audience, type PageKind } from './page-kinds.js';
import { saveArtifact } from './artifacts.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './requirements.js';
import { PEOPLE, startSite, type E2eSite } from './site.js';

/** Debian's Chromium, headless, with a fresh profile that Playwright removes on close. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}

/**
 * What every browser test file does first: Chromium and the site are started side by side before
 * its tests, `started` receives them (and may set up more on the site), and both are closed after
 * the tests. The budgets are generous on purpose: a shared two-core machine can make a browser
 * step slow.
 */
export function startBrowserAndSite(started: (env: { browser: Browser; site: E2eSite }) => void | Promise<void>): void {
  vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });
  let env: { browser: Browser; site: E2eSite } | undefined;
  let launched: Browser | undefined;
  let site: E2eSite | undefined;
  beforeAll(async () => {
    const [browserResult, siteResult] = await Promise.allSettled([launchBrowser(), startSite()]);
    if (browserResult.status === 'fulfilled') launched = browserResult.value;
    if (siteResult.status === 'fulfilled') site = siteResult.value;
    if (browserResult.status === 'rejected') throw browserResult.reason;
    if (siteResult.status === 'rejected') throw siteResult.reason;
    env = { browser: launched!, site: site! };
    await started(env);
  });
  afterAll(async () => {
    await launched?.close();
    await site?.close();
  });
}

/** What a journey test works with: Chromium and the site (one each per file) and the test's own watched page. */
export interface Journey {
  readonly browser: Browser;
  readonly site: E2eSite;
  readonly page: Page;
  readonly trouble: PageTrouble;
  /** Closes this test's page (its trouble asserted) and opens a new one in a new context (no cookies), handed to `use` like the first. */
  readonly freshPage: () => Promise<void>;
}

/**
 * A journey file's set-up: Chromium and the site once per file (`prepare`, if given, adds the
 * file's own fixtures once both are up), and before each test a new watched page handed to `use`;
 * after each test the page is closed and its trouble asserted (`closeWatchedPage`).
 */
export function watchedPagePerTest(use: (journey: Journey) => void, prepare?: (env: { browser: Browser; site: E2eSite }) => void | Promise<void>): void {
  let env: { browser: Browser; site: E2eSite } | undefined;
  startBrowserAndSite(async (started) => {
    env = started;
    await prepare?.(started);
  });
  let current: Journey | undefined;
  const open = async (): Promise<void> => {
    const { page, trouble } = await openWatchedPage(env!.browser, env!.site);
    current = { ...env!, page, trouble, freshPage };
    use(current);
  };
  const close = async (): Promise<void> => {
    const closing = current;
    current = undefined;
    if (closing) await closeWatchedPage(closing.page, closing.trouble);
  };
  const freshPage = async (): Promise<void> => {
    await close();
    await open();
  };
  beforeEach(open);
  afterEach(close);
}

/** A new browser context (own cookies) with a desktop viewport, in British English unless a browser locale is given. */
export function newContext(browser: Browser, options: { bypassCSP?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', ...options });
}

/** What went wrong while a page was open: console errors, page errors, failed same-origin requests, dialogs. */
export interface PageTrouble {
  readonly consoleErrors: string[];
  readonly failedRequests: string[];
  readonly dialogs: string[];
}

/**
 * Records console errors and uncaught page errors, same-origin requests that failed (not those the
 * browser cancelled) or were answered with 4xx/5xx (except the top-level document, whose status
 * each test checks), and dialogs (dismissed at once, so a stray `alert` cannot hang the suite).
 */
export function watchPage(page: Page, origin: string): PageTrouble {
  const trouble: PageTrouble = { consoleErrors: [], failedRequests: [], dialogs: [] };
  const sameOrigin = (url: string) => origin !== '' && url.startsWith(origin);
  const documents = new Set<string>();
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documents.add(request.url());
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (message.text().startsWith('Failed to load resource:')) {
      // Chromium logs every 4xx document as an error, but a page's own status is the test's
      // business; same-origin subresources are reported as failed requests; other origins are
      // out of reach in a sandbox without network (an image a story links to, say).
      const url = message.location().url;
      if (documents.has(url) || !sameOrigin(url)) return;
    }
    trouble.consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => trouble.consoleErrors.push(`${page.url()}: uncaught ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? 'failed';
    // ERR_ABORTED: the browser dropped the request itself (the page moved on before the favicon came).
    if (sameOrigin(request.url()) && error !== 'net::ERR_ABORTED') trouble.failedRequests.push(`${request.method()} ${request.url()}: ${error}`);
  });
  page.on('response', (response) => {
    const request = response.request();
    if (sameOrigin(response.url()) && response.status() >= 400 && !(request.isNavigationRequest() && request.frame() === page.mainFrame())) {
      trouble.failedRequests.push(`${request.method()} ${response.url()}: ${response.status()}`);
    }
  });
  page.on('dialog', (dialog) => {
    trouble.dialogs.push(`${page.url()}: ${dialog.type()} ${JSON.stringify(dialog.message())}`);
    void dialog.dismiss().catch(() => undefined);
  });
  return trouble;
}

/** Closes a watched page's context, then asserts it saw no console error, failed same-origin request or dialog. */
export async function closeWatchedPage(page: Page, trouble: PageTrouble): Promise<void> {
  const seen = { consoleErrors: [...trouble.consoleErrors], failedRequests: [...trouble.failedRequests], dialogs: [...trouble.dialogs] };
  await page.context().close();
  expect(seen.consoleErrors, 'console errors').toEqual([]);
  expect(seen.failedRequests, 'failed same-origin requests').toEqual([]);
  expect(seen.dialogs, 'dialogs').toEqual([]);
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  return saveArtifact('screenshots', `${name}.png`, await page.screenshot({ fullPage: true }));
}

/**
 * Fills and submits the form posting to `action`. Values are set on the elements and the form
 * is submitted without the browser's own validation, so any text reaches the server (a field
 * the form does not have is added as a hidden input).
 */
export async function submitForm(page: Page, action: string, fields: Readonly<Record<string, string>>): Promise<Response | null> {
  const form = page.locator(`form[action="${action}"]`).first();
  await form.waitFor({ state: 'attached' });
  const navigation = page.waitForNavigation({ waitUntil: 'load' });
  // Runs in the page; the project compiles without DOM types, so the element is typed loosely.
  await form.evaluate((element: any, values: Record<string, string>) => {
    for (const [name, value] of Object.entries(values)) {
      const field = element.querySelector(`[name="${name}"]`);
      if (!field) {
        const hidden = element.ownerDocument.createElement('input');
        Object.assign(hidden, { type: 'hidden', name, value });
        element.appendChild(hidden);
      } else if (field.tagName === 'SELECT') {
        const option = element.ownerDocument.createElement('option');
        Object.assign(option, { value, textContent: value });
        field.appendChild(option);
        field.value = value;
      } else {
        if (field.type === 'checkbox' || field.type === 'radio') field.checked = true;
        field.value = value;
      }
    }
    element.submit();
  }, fields);
  return navigation;
}

/**
 * Posts fields to `action` from the page's current document with a form built on the spot
 * (the CSRF token has to be among the fields): one navigation per submission, no GET first.
 */
export async function postForm(page: Page, action: string, fields: Readonly<Record<string, string>>): Promise<Response | null> {
  const navigation = page.waitForNavigation({ waitUntil: 'load' });
  await page.evaluate(
    ([target, values]: [string, Record<string, string>]) => {
      // Runs in the page; the project compiles without DOM types.
      const doc = (globalThis as any).document;
      const form = doc.createElement('form');
      Object.assign(form, { method: 'post', action: target });
      for (const [name, value] of Object.entries(values)) {
        const input = doc.createElement('input');
        Object.assign(input, { type: 'hidden', name, value });
        form.appendChild(input);
      }
      doc.body.appendChild(form);
      form.submit();
    },
    [action, fields] as [string, Record<string, string>],
  );
  return navigation;
}

/** Signs the page's context in as a contact: /login, the link from the outbox, the confirm button. */
export async function signInInBrowser(page: Page, site: E2eSite, email: string = PEOPLE.member.email): Promise<void> {
  await page.goto(`${site.origin}/login`);
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  const link = await lastLinkInOutbox(site.app, email, '/login/');
  if (!link) throw new Error(`no sign-in link for ${email} in the outbox`);
  await page.goto(`${site.origin}${link}`);
  // Home, or the account page's consent prompt for a contact without newsletter consent on record.
  await Promise.all([page.waitForURL((url) => url.origin === site.origin && (url.pathname === '/' || url.pathname === '/account')), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
}

/** Signs the page's context in to the desk as the owner. */
export async function signInToDesk(page: Page, site: E2eSite): Promise<void> {
  await page.goto(`${site.origin}/admin/login`);
  await page.getByLabel('Email').fill(PEOPLE.owner.email);
  await page.getByLabel('Password').fill(PEOPLE.owner.password);
  await Promise.all([page.waitForURL(`${site.origin}/admin`), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/** Opens a page kind in a context already signed in as its audience; returns the document's response. */
export async function openPageKind(page: Page, site: E2eSite, kind: PageKind): Promise<Response> {
  const path = await pathOf(kind, site);
  const opened = await page.goto(`${site.origin}${path}`);
  const response = kind.submit ? await submitForm(page, kind.submit.action, kind.submit.fields) : opened;
  if (!response) throw new Error(`${kind.name}: no response for ${path}`);
  return response;
}

/** A new context (optionally ignoring the site's CSP, optionally signed in as a contact) with one watched page. */
export async function openWatchedPage(
  browser: Browser,
  site: E2eSite,
  options: { bypassCSP?: boolean; signInAs?: string; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page; trouble: PageTrouble }> {
  const context = await newContext(browser, { bypassCSP: options.bypassCSP ?? false, ...(options.locale ? { locale: options.locale } : {}) });
  const page = await context.newPage();
  if (options.signInAs) await signInInBrowser(page, site, options.signInAs);
  return { context, page, trouble: watchPage(page, site.origin) };
}

/** One browser context per audience (public, member, staff), each signed in once when first asked for. */
export function audienceContexts(browser: () => Browser, site: () => E2eSite): (audience: Audience) => Promise<BrowserContext> {
  const contexts = new Map<Audience, Promise<BrowserContext>>();
  return (audience) => {
    let context = contexts.get(audience);
    if (!context) {
      context = (async () => {
        const created = await newContext(browser());
        if (audience !== 'public') {
          const page = await created.newPage();
          await (audience === 'member' ? signInInBrowser(page, site()) : signInToDesk(page, site()));
          await page.close();
        }
        return created;
      })();
      contexts.set(audience, context);
    }
    return context;
  };
}

/**
 * How many tabs a walk keeps busy at once (`E2E_TABS`, default 3). On a two-core machine the
 * server (in the test's own process) renders the next page while Chromium checks the last ones;
 * more tabs than that only queue for the same cores.
 */
export const WALK_TABS = Math.max(1, Number(process.env.E2E_TABS ?? 3) || 3);

/** Runs `work` on every item, at most `size` at once, started in list order; rejects with the first failure once every started item has settled. */
export async function inPool<T, R>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}

/**
 * A breadth-first walk with a growing queue: `visit` gets a path and the tab (0 … size − 1) it
 * may use, and returns the paths it found; each path is visited once, at most `size` at once.
 * Returns every path seen, in the order found.
 */
export async function crawlInPool(start: readonly string[], size: number, visit: (path: string, tab: number) => Promise<string[]>): Promise<string[]> {
  const seen = new Set(start);
  const queue = [...start];
  const freeTabs = Array.from({ length: size }, (_, tab) => size - 1 - tab);
  let active = 0;
  let failure: { error: unknown } | undefined;
  await new Promise<void>((resolve) => {
    const pump = () => {
      if (failure || (queue.length === 0 && active === 0)) {
        if (active === 0) resolve();
        return;
      }
      while (freeTabs.length > 0 && queue.length > 0) {
        const path = queue.shift()!;
        const tab = freeTabs.pop()!;
        active += 1;
        visit(path, tab).then(
          (found) => {
            for (const link of found) {
              if (seen.has(link)) continue;
              seen.add(link);
              queue.push(link);
            }
          },
          (error: unknown) => {
            failure ??= { error };
          },
        ).finally(() => {
          active -= 1;
          freeTabs.push(tab);
          pump();
        });
      }
    };
    pump();
  });
  if (failure) throw failure.error;
  return [...seen];
}

/** Wall-clock time spent per step of a walk, printed at the end when `E2E_PROFILE` is set (to find where a walk's time goes). */
export class StepTimer {
  private readonly totals = new Map<string, { ms: number; count: number }>();
  private readonly cpuAtStart = process.cpuUsage();
  private readonly startedAt = performance.now();
  constructor(readonly name: string) {}

  async time<T>(step: string, work: () => Promise<T>): Promise<T> {
    if (!process.env.E2E_PROFILE) return work();
    const started = performance.now();
    try {
      return await work();
    } finally {
      const total = this.totals.get(step) ?? { ms: 0, count: 0 };
      total.ms += performance.now() - started;
      total.count += 1;
      this.totals.set(step, total);
    }
  }

  /** Prints the totals (only with `E2E_PROFILE`). */
  report(): void {
    if (!process.env.E2E_PROFILE) return;
    const lines = [...this.totals].map(([step, { ms, count }]) => `  ${step}: ${(ms / 1000).toFixed(1)} s over ${count} (${(ms / count).toFixed(0)} ms each)`);
    const cpu = process.cpuUsage(this.cpuAtStart);
    const total = `${((performance.now() - this.startedAt) / 1000).toFixed(1)} s wall, this process (test and server) ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`;
    console.log(`${this.name}: ${total}; wall time per step (steps overlap when tabs run side by side):\n${lines.join('\n')}`);
  }
}

/**
 * Loads in turn: `takeTurn()` reserves the next place in line at once (call it first thing in a
 * test, before any await, so places follow the list's order); the function it returns runs a
 * load once every earlier place's load has settled. Walks whose page kinds change the site (a
 * form sent, a link used) load them strictly in list order this way, while the checks of pages
 * already loaded (axe, a layout measurement) run side by side in other tabs (`it.concurrent`).
 */
export function loadsInTurn(): () => Turn {
  let previous: Promise<unknown> = Promise.resolve();
  return () => {
    const before = previous;
    let done!: () => void;
    previous = new Promise<void>((resolve) => (done = resolve));
    const turn = async <T>(load: () => Promise<T>): Promise<T> => {
      await before;
      try {
        return await load();
      } finally {
        done();
      }
    };
    return Object.assign(turn, { release: () => done() });
  };
}

/** One place in line (`loadsInTurn`); `release()` gives it up unused (call it in a `finally`, so a test that failed early does not hold up the others). */
export type Turn = (<T>(load: () => Promise<T>) => Promise<T>) & { release(): void };

/** Saves a page's screenshot when `E2E_SCREENSHOTS` is set, or when `failed` (the page a failing check saw); returns its path. */
export async function screenshotIfAsked(page: Page, name: string, failed: boolean): Promise<string | undefined> {
  if (!failed && !process.env.E2E_SCREENSHOTS) return undefined;
  return screenshot(page, name);
}

/** At most `size` of the given steps run at once; the others wait their turn (first come, first served). */
export function slots(size: number): <T>(step: () => Promise<T>) => Promise<T> {
  let free = size;
  const waiting: (() => void)[] = [];
  return async (step) => {
    if (free === 0) await new Promise<void>((resolve) => waiting.push(resolve));
    else free -= 1;
    try {
      return await step();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
}

/**
 * Tabs kept open per audience (one signed-in context each, `audienceContexts`) and reused from
 * one page kind to the next: opening a fresh tab costs Chromium more than a navigation does.
 * `withTab` lends an idle tab of the audience's context (opening one when all are busy), with its
 * watcher's records emptied, and takes it back when `use` has settled.
 */
export function audienceTabs(browser: () => Browser, site: () => E2eSite): AudienceTabs {
  const contextFor = audienceContexts(browser, site);
  const idle = new Map<Audience, { page: Page; trouble: PageTrouble }[]>();
  const withTab = async <T>(audience: Audience, use: (page: Page, trouble: PageTrouble) => Promise<T>): Promise<T> => {
    const context = await contextFor(audience);
    let tab = idle.get(audience)?.pop();
    if (!tab) {
      const page = await context.newPage();
      tab = { page, trouble: watchPage(page, site().origin) };
    }
    for (const list of [tab.trouble.consoleErrors, tab.trouble.failedRequests, tab.trouble.dialogs]) list.length = 0;
    try {
      return await use(tab.page, tab.trouble);
    } finally {
      const list = idle.get(audience) ?? [];
      list.push(tab);
      idle.set(audience, list);
    }
  };
  return Object.assign(withTab, { signIn: async (audiences: Iterable<Audience>) => void (await Promise.all([...new Set(audiences)].map((audience) => contextFor(audience)))) });
}

/** `audienceTabs`: lends a tab of an audience's context; `signIn` signs the contexts in ahead (before a shard replays the kinds before it, which may change what signing in leads to). */
export type AudienceTabs = (<T>(audience: Audience, use: (page: Page, trouble: PageTrouble) => Promise<T>) => Promise<T>) & {
  signIn(audiences: Iterable<Audience>): Promise<void>;
};
