// Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core (browser
// downloads do not work here; `bin/devlogs` installs the package), a laptop-sized viewport,
// sign-in, and full-page screenshots under web/target/screenshots/.

import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, afterEach, before, beforeEach } from "node:test";
import { chromium } from "playwright-core";
import { createProject, settings } from "./stack.mjs";

const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SCREENSHOT_DIR =
  process.env.DEVLOGS_SCREENSHOT_DIR ?? join(WEB_ROOT, "target", "screenshots");
const CHROMIUM = process.env.DEVLOGS_CHROMIUM ?? "/usr/bin/chromium";

/** The viewport of the smallest screen the dashboard is made for. */
export const LAPTOP = { width: 1366, height: 768 };

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium package (bin/devlogs up does) or set DEVLOGS_CHROMIUM`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
}

/** Every page opened, so that a failed test can show what its pages showed. */
const openedPages = [];

/** A new page on the dashboard; console errors and failed page loads are collected in `errors`. */
export async function openPage(browser) {
  const context = await browser.newContext({ viewport: LAPTOP, baseURL: settings.queryUrl });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  page.failedResponses = [];
  page.on("response", (response) => {
    if (response.status() >= 500 || response.status() === 429) {
      page.failedResponses.push(`${response.status()} ${response.url()}`);
    }
  });
  openedPages.push(page);
  return page;
}

/**
 * What a failed test's pages showed, as diagnostics in the test report (the CI log): each page's
 * URL, its alerts, its answers of 429 or 5xx and its errors, with a screenshot named after the test.
 */
async function reportPages(t, pages) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const [i, page] of pages.entries()) {
    if (page.isClosed()) continue;
    const alerts = await page
      .getByRole("alert")
      .allInnerTexts()
      .catch((e) => [`(alerts unreadable: ${e.message})`]);
    t.diagnostic(`page ${i}: ${page.url()}`);
    for (const line of [...alerts, ...page.failedResponses, ...page.errors]) {
      t.diagnostic(`  ${line.replaceAll("\n", " ")}`);
    }
    const name = `failed-${t.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}-${i}`;
    const path = await page
      .screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
      .then(() => join(SCREENSHOT_DIR, `${name}.png`))
      .catch((e) => `(no screenshot: ${e.message})`);
    t.diagnostic(`  screenshot: ${path}`);
  }
}

/** Signs in through the form; resolves once the form has gone (the key was accepted). */
export async function signIn(page, key) {
  await page.getByLabel("Query key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/**
 * Saves a full-page screenshot as <dir>/<name>.png once no panel is loading any more (the shared
 * Loading component's `.state-loading`, or a panel marked aria-busy while it reloads), and returns
 * its path. `fullPage: false` keeps to the viewport (for long lists).
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  await page
    .locator('.state-loading, [aria-busy="true"]')
    .first()
    .waitFor({ state: "detached", timeout: 30_000 });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/**
 * Registers a test file's hooks: before its tests, Chromium and a fresh project (`suite.browser`,
 * `suite.project`), then `seed()` (e.g. posting the file's events); after them, Chromium closes.
 */
export function browserSuite(seed = async () => {}) {
  const suite = {
    browser: null,
    project: null,
    /** A new page at `path`, signed in with `key` (the project's query key unless given). */
    async open(path, key = suite.project.queryKey) {
      const page = await openPage(suite.browser);
      await page.goto(path);
      await signIn(page, key);
      return page;
    },
  };
  before(async () => {
    [suite.browser, suite.project] = await Promise.all([launchBrowser(), createProject()]);
    await seed();
  });
  let firstPageOfTest = 0;
  beforeEach(() => {
    firstPageOfTest = openedPages.length;
  });
  afterEach(async (t) => {
    if (!t.passed) await reportPages(t, openedPages.slice(firstPageOfTest));
  });
  after(async () => {
    await suite.browser?.close();
  });
  return suite;
}
