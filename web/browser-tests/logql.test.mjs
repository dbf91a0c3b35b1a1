// LogQL in the search bar: a typed query finds its events, completion offers label names, a parse
// error is marked at its position, the field sidebar adds filters (values and numeric comparisons)
// and columns, and a metric query is charted.

import assert from "node:assert/strict";
import { test } from "node:test";
import { browserSuite, screenshot } from "./support/browser.mjs";
import { pollUntil, postEvents, queryApi, uniqueWord } from "./support/stack.mjs";

const word = uniqueWord("lqw");
const service = "checkout";
// A minute apart, the newest a minute old: a metric query over [5m] then has several evaluations
// with events whatever step the chart picks (seconds-old events gave a single point).
const events = [100, 300, 600, 900].map((duration, i) => ({
  ts: new Date(Date.now() - (4 - i) * 60_000).toISOString(),
  level: i === 3 ? "ERROR" : "INFO",
  service,
  stream: `browser-${word}`,
  message: `step ${i} of ${word} took ${duration}ms`,
  duration_ms: String(duration),
  user: i % 2 === 0 ? "alice" : "bob",
}));
const selector = `{service="${service}"} |= "${word}"`;

const suite = browserSuite(async () => {
  await postEvents(suite.project.ingestKey, [
    ...events,
    { ...events[0], service: "catalog", message: "an unrelated event", user: "carol" },
  ]);
  const from = new Date(Date.now() - 3_600_000).toISOString();
  await pollUntil(
    async () =>
      (await queryApi(suite.project.queryKey, `/v1/logs?q=${encodeURIComponent(selector)}&from=${from}`))
        .events.length === events.length,
    { timeoutMs: 120_000, what: `the ${events.length} events with '${word}' to be searchable` },
  );
});

function searchUrl(q, extra = "") {
  return `/search?range=1h&q=${encodeURIComponent(q)}${extra}`;
}

test("a typed LogQL query finds exactly its events", async () => {
  const page = await suite.open("/search?range=1h");
  const input = page.getByLabel("Search text");
  await input.fill(`${selector} | duration_ms > 500`);
  await input.press("Enter");
  await page.waitForURL((url) => url.searchParams.get("q") === `${selector} | duration_ms > 500`);
  const rows = page.locator("table.events tr.event");
  await page.waitForFunction(() => document.querySelectorAll("table.events tr.event").length === 2);
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).innerText(), /took 900ms/);
  assert.match(await rows.nth(1).innerText(), /took 600ms/);
  assert.equal(await page.getByText(`LogQL: ${selector} | duration_ms > 500`).count(), 1);
  await screenshot(page, "logql-search");
  assert.deepEqual(page.errors, []);
});

test("completion offers label names and values", async () => {
  const page = await suite.open("/search?range=1h");
  const input = page.getByLabel("Search text");
  await input.click();
  await input.pressSequentially("{serv");
  const option = page.getByRole("option", { name: "service" });
  await option.waitFor();
  await input.press("Tab");
  assert.equal(await input.inputValue(), "{service=");
  await input.pressSequentially('"chec');
  await page.getByRole("option", { name: service }).waitFor();
  await input.press("Tab");
  assert.equal(await input.inputValue(), `{service="${service}"`);
  assert.deepEqual(page.errors, []);
});

test("a parse error is marked at its position", async () => {
  const bad = `${selector} | duration_ms > soon`;
  const page = await suite.open(searchUrl(bad));
  const mark = page.locator("mark.logql-error-at");
  await mark.waitFor();
  assert.equal(await mark.innerText(), "soon");
  const error = page.getByLabel("Query error");
  assert.match(await error.innerText(), new RegExp(`at column ${bad.length - 4 + 1}: expected a quoted string, a number`));
  assert.equal(await page.getByLabel("Search text").getAttribute("aria-invalid"), "true");
  await screenshot(page, "logql-parse-error");
  assert.deepEqual(page.errors, []);
});

test("the field sidebar adds a value filter, a numeric comparison and a column", async () => {
  const page = await suite.open(searchUrl(selector));
  const fields = page.getByRole("region", { name: "Fields" });
  await fields.getByRole("button", { name: "user" }).click();
  await fields.getByRole("button", { name: /^alice/ }).click();
  await page.waitForURL((url) => url.searchParams.get("q") === `${selector} | user="alice"`);
  await page.waitForFunction(() => document.querySelectorAll("table.events tr.event").length === 2);

  await fields.getByRole("button", { name: "duration_ms" }).click();
  await fields.getByLabel("Comparison").selectOption(">=");
  await fields.getByLabel("duration_ms value").fill("600");
  await fields.getByRole("button", { name: "Add" }).click();
  await page.waitForURL(
    (url) => url.searchParams.get("q") === `${selector} | user="alice" | duration_ms >= 600`,
  );
  await page.waitForFunction(() => document.querySelectorAll("table.events tr.event").length === 1);
  assert.match(await page.locator("table.events tr.event").first().innerText(), /took 600ms/);

  await fields.getByLabel("Show user as a column").check();
  await page.waitForURL((url) => url.searchParams.get("cols") === "user");
  await page.locator("table.events th.attribute-column", { hasText: "user" }).waitFor();
  assert.equal(await page.locator("table.events td.attribute-cell").first().innerText(), "alice");
  await screenshot(page, "logql-fields");
  // The column is kept in the URL: a reload shows it again.
  await page.reload();
  await page.locator("table.events th.attribute-column", { hasText: "user" }).waitFor();
  assert.deepEqual(page.errors, []);
});

test("a metric query is charted, one line per series", async () => {
  const query = `sum by (user) (count_over_time(${selector} [5m]))`;
  const page = await suite.open(searchUrl(query));
  const chart = page.getByRole("region", { name: "Metric query" });
  // A flat line has no height, which Playwright calls hidden: wait for it to be drawn.
  const line = chart.locator("svg path[stroke]").first();
  await line.waitFor({ state: "attached" });
  assert.match(await line.getAttribute("d"), /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+/);
  const legend = await chart.locator(".chart-legend").innerText();
  assert.match(legend, /\{user="alice"\}/);
  assert.match(legend, /\{user="bob"\}/);
  assert.equal(await page.locator("table.events").count(), 0, "a metric query lists no events");
  await screenshot(page, "logql-metric");
  assert.deepEqual(page.errors, []);
});
