// Stream: a stream posted to opens by name from the input box, reads oldest first, pages with
// "load more" (no event twice or missing), and links each event to its page.

import assert from "node:assert/strict";
import { test } from "node:test";
import { browserSuite, screenshot } from "./support/browser.mjs";
import { pollUntil, postEvents, queryApi, uniqueWord } from "./support/stack.mjs";

const stream = uniqueWord("stream-");
/** More than the page's 500 events per page, so "load more" has a second page. */
const COUNT = 520;
const FIRST_MS = Date.now() - 20 * 60_000;

/** Line i of the stream, i seconds after FIRST_MS. */
function line(i) {
  return {
    ts: new Date(FIRST_MS + i * 1_000).toISOString(),
    level: i % 10 === 0 ? "WARN" : "INFO",
    service: "worker",
    stream,
    message: `step ${String(i).padStart(4, "0")} of the batch`,
  };
}

const suite = browserSuite(async () => {
  // Posted newest first: the page must order them by time, not by arrival.
  const lines = Array.from({ length: COUNT }, (_, i) => line(i)).reverse();
  await postEvents(suite.project.ingestKey, lines);
  await pollUntil(
    async () =>
      (await queryApi(suite.project.queryKey, `/v1/streams/${stream}?limit=5000`))
        .events.length === COUNT,
    { timeoutMs: 120_000, what: `${COUNT} events in stream ${stream}` },
  );
  // The event page reads ClickHouse, which the pipeline commits to on its checkpoints: later
  // than the stream store under load.
  await pollUntil(
    async () =>
      (await queryApi(suite.project.queryKey, `/v1/logs?stream=${stream}&limit=1000`)).events
        .length === COUNT,
    { timeoutMs: 120_000, what: `${COUNT} events of stream ${stream} in search` },
  );
});

async function messages(page) {
  return page.locator("table.stream-events td.msg").allInnerTexts();
}

test("a stream opened by name reads oldest first and loads more with the cursor", async () => {
  const page = await suite.open("/streams?range=1h");
  await page.getByText("Enter a stream name").waitFor();
  await page.getByLabel("Stream name").fill(stream);
  await page.getByRole("button", { name: "Open stream" }).click();

  await page.waitForURL((url) => url.pathname === `/streams/${stream}` && url.search === "?range=1h");
  await page.locator("table.stream-events tr.stream-event").first().waitFor();
  const first = await messages(page);
  assert.equal(first.length, 500);
  assert.equal(first[0], "step 0000 of the batch");
  assert.equal(first[499], "step 0499 of the batch");
  await screenshot(page, "stream", { fullPage: false });

  await page.getByRole("button", { name: "Load more" }).click();
  await page.getByText("end of the stream in this range").waitFor();
  const all = await messages(page);
  assert.deepEqual(
    all,
    Array.from({ length: COUNT }, (_, i) => line(i).message),
    "every event once, in time order",
  );
  assert.equal(await page.getByRole("button", { name: "Load more" }).count(), 0);
  assert.deepEqual(page.errors, []);
});

test("an event of the stream links to its page, which links back to the stream", async () => {
  const page = await suite.open(`/streams/${stream}?range=1h`);
  const row = page.locator("table.stream-events tr.stream-event", { hasText: "step 0010 " });
  await row.getByRole("link").click();

  await page.waitForURL(/\/events\/[^/?]+\?at=/);
  const card = page.locator(".event-page .card");
  await card.getByText("step 0010 of the batch").waitFor();
  await page.getByRole("link", { name: `Open stream ${stream}` }).click();
  await page.waitForURL((url) => url.pathname === `/streams/${stream}` && url.searchParams.has("from"));
  await page.locator("table.stream-events tr.stream-event").first().waitFor();
  assert.ok((await messages(page)).includes("step 0010 of the batch"));
  assert.deepEqual(page.errors, []);
});

test("an unknown stream shows an empty state naming it", async () => {
  const missing = uniqueWord("nothing-");
  const page = await suite.open(`/streams/${missing}?range=15m`);
  await page.getByText(`No events in stream ${missing}`).waitFor();
  assert.deepEqual(page.errors, []);
});
