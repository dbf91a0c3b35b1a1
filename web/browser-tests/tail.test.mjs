// Live tail: an event posted after the page is live shows up (and one its filters exclude does
// not), pause buffers with "N new events" until resume, and an event opens its page.

import assert from "node:assert/strict";
import { test } from "node:test";
import { browserSuite, screenshot } from "./support/browser.mjs";
import { postEvents, uniqueWord } from "./support/stack.mjs";

const service = uniqueWord("tail");

/** Events reach the tail through ingest, Kafka and the Flink job: allow for the pipeline. */
const PIPELINE_MS = 90_000;

const suite = browserSuite();

function event(level, message) {
  return { ts: new Date().toISOString(), level, service, stream: `tail-${service}`, message };
}

async function openLiveTail() {
  const page = await suite.open(`/tail?service=${service}&level=ERROR&level=WARN`);
  await page.locator(".tail-connection").getByText("Live").waitFor({ timeout: 30_000 });
  return page;
}

test("an event posted after the tail is live appears; one of another level does not", async () => {
  const page = await openLiveTail();
  const wanted = uniqueWord("wanted");
  const unwanted = uniqueWord("unwanted");
  // One request, so the excluded event goes through the pipeline before the wanted one.
  await postEvents(suite.project.ingestKey, [
    event("INFO", `excluded ${unwanted}`),
    event("ERROR", `disk full ${wanted}`),
  ]);

  const row = page.locator("table.tail-events tr.event", { hasText: wanted });
  await row.waitFor({ timeout: PIPELINE_MS });
  assert.match(await row.innerText(), /ERROR/);
  assert.match(await row.innerText(), new RegExp(service));
  assert.equal(await page.locator("table.tail-events tr.event", { hasText: unwanted }).count(), 0);
  assert.equal(await page.getByLabel("Services").inputValue(), service);
  await screenshot(page, "tail");

  await row.click();
  await page.waitForURL(/\/events\/[^/?]+\?at=/);
  await page.locator(".event-page .card").getByText(`disk full ${wanted}`).waitFor();
  assert.deepEqual(page.errors, []);
});

test("paused, new events are counted but not shown until resume", async () => {
  const page = await openLiveTail();
  await page.getByRole("button", { name: "Pause" }).click();
  const word = uniqueWord("paused");
  await postEvents(suite.project.ingestKey, [event("WARN", `slow ${word}`), event("ERROR", `late ${word}`)]);

  await page.getByRole("button", { name: "2 new events" }).waitFor({ timeout: PIPELINE_MS });
  assert.equal(await page.locator("table.tail-events tr.event", { hasText: word }).count(), 0);
  await screenshot(page, "tail-paused");

  await page.getByRole("button", { name: "Resume" }).click();
  const rows = page.locator("table.tail-events tr.event", { hasText: word });
  await rows.nth(1).waitFor();
  // Both, in the order the job emitted them (its parallel subtasks may swap events of one request).
  const texts = (await rows.allInnerTexts()).join("\n");
  assert.equal(await rows.count(), 2);
  assert.match(texts, new RegExp(`slow ${word}`));
  assert.match(texts, new RegExp(`late ${word}`));

  await page.getByRole("button", { name: "Clear" }).click();
  await page.getByText("Waiting for events that match these filters").waitFor();
  assert.deepEqual(page.errors, []);
});

test("the list keeps only the last 2,000 events", async () => {
  const page = await openLiveTail();
  const word = uniqueWord("burst");
  const burst = Array.from({ length: 2_050 }, (_, i) => event("WARN", `burst ${word} ${i}`));
  await postEvents(suite.project.ingestKey, burst);

  await page.getByText("2,050 received").waitFor({ timeout: PIPELINE_MS });
  await page.getByText("2,000 shown").waitFor();
  assert.equal(await page.locator("table.tail-events tr.event").count(), 2_000);
  assert.deepEqual(page.errors, []);
});

test("a filter the server refuses shows its message and a reconnect button", async () => {
  // The page drops level values it does not know, so the bad value is an attribute key.
  const page = await suite.open(`/tail?${new URLSearchParams({ "attr.bad key!": "x" })}`);
  const state = page.locator(".tail-connection");
  await state.getByText("Disconnected").waitFor({ timeout: 30_000 });
  assert.match(await state.innerText(), /invalid_parameter: .*attr\.bad key!/);
  await page.getByRole("button", { name: "Reconnect" }).waitFor();
  await screenshot(page, "tail-refused");
  assert.deepEqual(page.errors, []);
});
