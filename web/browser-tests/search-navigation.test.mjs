// The Search page's navigation against real data: "load more" follows the cursor, a level facet
// filters, a drag on the histogram zooms the range, and the state survives a reload (it is in the URL).

import assert from "node:assert/strict";
import { test } from "node:test";
import { browserSuite, screenshot } from "./support/browser.mjs";
import { pollUntil, postEvents, queryApi, uniqueWord } from "./support/stack.mjs";

const INFO_EVENTS = 120;
const ERROR_EVENTS = 10;

const word = uniqueWord("batch");

const suite = browserSuite(async () => {
  const now = Date.now();
  const events = [];
  for (let i = 0; i < INFO_EVENTS + ERROR_EVENTS; i++) {
    const error = i < ERROR_EVENTS;
    events.push({
      ts: new Date(now - i * 1000).toISOString(),
      level: error ? "ERROR" : "INFO",
      service: error ? "worker" : "api",
      stream: `nav-${word}`,
      message: `${word} step ${i}`,
    });
  }
  await postEvents(suite.project.ingestKey, events);
  const from = new Date(now - 3_600_000).toISOString();
  await pollUntil(
    async () => {
      const page = await queryApi(suite.project.queryKey, `/v1/logs?q=${word}&from=${from}&limit=1000`);
      return page.events.length === events.length;
    },
    { timeoutMs: 120_000, what: `all ${events.length} events to be searchable` },
  );
});

function openSearch(query) {
  return suite.open(`/search?${query}`);
}

test("load more follows the cursor to the end of the results", async () => {
  const page = await openSearch(`q=${word}&range=1h`);
  const rows = page.locator("table.events tr.event");
  await rows.first().waitFor();
  assert.equal(await rows.count(), 100, "the first page has 100 rows");

  await page.getByRole("button", { name: "Load more" }).click();
  await page.getByText("end of results").waitFor();
  assert.equal(await rows.count(), INFO_EVENTS + ERROR_EVENTS);
  const texts = await rows.locator("td.msg").allInnerTexts();
  assert.equal(new Set(texts).size, texts.length, "no event is shown twice");
  assert.equal(texts[0], `${word} step 0`, "newest first");
});

test("facets count the matches and a click filters by level", async () => {
  const page = await openSearch(`q=${word}&range=1h`);
  const levels = page.getByRole("region", { name: "Level facet" });
  const error = levels.getByRole("button", { name: /ERROR/ });
  await error.waitFor();
  assert.match(await error.innerText(), new RegExp(`${ERROR_EVENTS}$`));
  assert.match(
    await levels.getByRole("button", { name: /INFO/ }).innerText(),
    new RegExp(`${INFO_EVENTS}$`),
  );

  await error.click();
  await page.waitForURL((url) => url.searchParams.getAll("level").join() === "ERROR");
  await page.getByText("end of results").waitFor();
  const rows = page.locator("table.events tr.event");
  assert.equal(await rows.count(), ERROR_EVENTS);
  await screenshot(page, "search-filtered");

  // The whole state is in the URL: a reload shows the same filtered results.
  await page.reload();
  await page.getByText("end of results").waitFor();
  assert.equal(await rows.count(), ERROR_EVENTS);
  assert.equal(await error.getAttribute("aria-pressed"), "true");
});

test("dragging across the histogram zooms to an absolute range", async () => {
  const page = await openSearch(`q=${word}&range=15m`);
  await page.locator("table.events tr.event").first().waitFor();
  const chart = page.locator(".histogram svg");
  const box = await chart.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.5, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, y, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.99, y, { steps: 5 });
  await page.mouse.up();

  await page.waitForURL((url) => url.searchParams.has("from") && url.searchParams.has("to"));
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("range"), null, "the relative range is replaced");
  const from = Date.parse(url.searchParams.get("from"));
  const to = Date.parse(url.searchParams.get("to"));
  const span = to - from;
  assert.ok(span > 3 * 60_000 && span < 8 * 60_000, `about half of 15 minutes, was ${span} ms`);
  assert.equal(url.searchParams.get("q"), word, "the other filters stay");
});

test("the permalink pins the resolved range", async () => {
  const page = await openSearch(`q=${word}&range=1h`);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.locator("table.events tr.event").first().waitFor();
  await page.getByRole("button", { name: "Permalink" }).click();
  await page.getByText("Permalink copied.").waitFor();
  const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  assert.equal(copied.pathname, "/search");
  assert.equal(copied.searchParams.get("q"), word);
  assert.equal(copied.searchParams.get("range"), null);
  const span = Date.parse(copied.searchParams.get("to")) - Date.parse(copied.searchParams.get("from"));
  assert.equal(span, 3_600_000);
});

test("export downloads the matches as NDJSON", async () => {
  const page = await openSearch(`q=${word}&range=1h&level=ERROR`);
  await page.locator("table.events tr.event").first().waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export NDJSON" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "devlogs-export.ndjson");
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  const lines = Buffer.concat(chunks).toString("utf8").trim().split("\n");
  assert.equal(lines.length, ERROR_EVENTS);
  assert.ok(lines.every((line) => JSON.parse(line).level === "ERROR"));
});
