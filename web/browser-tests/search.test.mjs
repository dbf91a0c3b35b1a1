// Search finds an event posted seconds earlier (by a unique word), its row expands to all fields,
// and the event page shows it.

import assert from "node:assert/strict";
import { test } from "node:test";
import { browserSuite, screenshot } from "./support/browser.mjs";
import { pollUntil, postEvents, queryApi, uniqueWord } from "./support/stack.mjs";

const word = uniqueWord("needle");
const posted = {
  ts: new Date().toISOString(),
  level: "ERROR",
  service: "checkout",
  stream: `browser-${word}`,
  message: `payment ${word} declined by the card issuer`,
  order_id: "o-4711",
};

const suite = browserSuite(async () => {
  await postEvents(suite.project.ingestKey, [
    posted,
    { ...posted, level: "INFO", message: "an unrelated event of the same project" },
  ]);
  // The pipeline (Kafka -> Flink -> ClickHouse) needs a few seconds; the page is opened once the
  // API finds the event, so what the browser test checks is the page, not the pipeline's delay.
  await pollUntil(
    async () =>
      (await queryApi(suite.project.queryKey, `/v1/logs?q=${word}&from=${hourAgo()}`)).events.length > 0,
    { timeoutMs: 120_000, what: `the event with '${word}' to be searchable` },
  );
});

function hourAgo() {
  return new Date(Date.now() - 3_600_000).toISOString();
}

test("search finds the event by its unique word, and its row expands to all fields", async () => {
  const page = await suite.open(`/search?q=${word}&range=1h`);

  const rows = page.locator("table.events tr.event");
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1, "only the event with the word matches");
  const row = rows.first();
  assert.match(await row.innerText(), new RegExp(`payment ${word} declined`));
  assert.match(await row.innerText(), /ERROR/);
  assert.equal(await page.getByLabel("Search text").inputValue(), word);

  await row.click();
  const detail = page.locator("tr.detail");
  await detail.waitFor();
  const fields = await detail.innerText();
  assert.match(fields, /attr\.order_id\s+o-4711/);
  assert.match(fields, new RegExp(`stream\\s+browser-${word}`));
  await screenshot(page, "search");
  assert.deepEqual(page.errors, []);
});

test("clicking an attribute adds it as a filter in the URL", async () => {
  const page = await suite.open(`/search?q=${word}&range=1h`);
  await page.locator("table.events tr.event").first().click();
  await page.getByRole("button", { name: "o-4711" }).click();

  await page.waitForURL((url) => url.searchParams.get("attr.order_id") === "o-4711");
  await page.getByText("attr.order_id = o-4711").waitFor();
  await page.locator("table.events tr.event").first().waitFor();
});

test("the event page shows the event and links to its stream and a search around it", async () => {
  const page = await suite.open(`/search?q=${word}&range=1h`);
  await page.locator("table.events tr.event").first().click();
  await page.getByRole("link", { name: "open event page" }).click();

  await page.waitForURL(/\/events\/[^/?]+\?at=/);
  const card = page.locator(".event-page .card");
  await card.waitFor();
  const text = await card.innerText();
  assert.match(text, new RegExp(`payment ${word} declined by the card issuer`));
  assert.match(text, /attr\.order_id\s+o-4711/);
  assert.equal(
    await page.getByRole("link", { name: `Open stream browser-${word}` }).count(),
    1,
  );
  await screenshot(page, "event");

  // A reload keeps the page: the query service serves index.html for /events/{id}.
  await page.reload();
  await page.locator(".event-page .card").waitFor();
  assert.deepEqual(page.errors, []);
});
