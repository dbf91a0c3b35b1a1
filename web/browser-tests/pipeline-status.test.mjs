// The pipeline status banner (GET /v1/status, polled by the whole app) and the live tail's badge.
// With the stack's job running (the default): a project without data shows the "no recent data"
// banner on every page, and once one of its events is stored the banner goes. With
// DEVLOGS_EXPECT_PIPELINE=down (set by the end-to-end PipelineDownIT while it holds the job
// stopped): within 30 s every page says the pipeline is not running and the tail is not "Live".

import assert from "node:assert/strict";
import { test } from "node:test";
import { browserSuite, screenshot } from "./support/browser.mjs";
import { pollUntil, postEvents, queryApi, uniqueWord } from "./support/stack.mjs";

const expectDown = process.env.DEVLOGS_EXPECT_PIPELINE === "down";
/** What the issue promises: the dashboard says the pipeline stopped within 30 s. */
const SAYS_SO_MS = 30_000;
/** Events reach ClickHouse through ingest, Kafka and the Flink job: allow for the pipeline. */
const PIPELINE_MS = 90_000;

const suite = browserSuite();

function banner(page) {
  return page.getByLabel("Pipeline status");
}

test("a project without data shows the no-recent-data banner on every page", { skip: expectDown }, async () => {
  const page = await suite.open("/search");
  await banner(page).getByText("No recent data for this project").waitFor({ timeout: SAYS_SO_MS });
  assert.match(await banner(page).innerText(), /no event of this project was stored/i);
  await screenshot(page, "status-banner-stale");

  await page.getByRole("link", { name: "Metrics", exact: true }).click();
  await page.waitForURL(/\/metrics/);
  await banner(page).getByText("No recent data for this project").waitFor();
  await page.getByRole("link", { name: "Live tail" }).click();
  // Stale data is no reason to doubt the tail: the pipeline runs.
  await page.locator(".tail-connection").getByText("Live").waitFor({ timeout: SAYS_SO_MS });
  assert.deepEqual(page.errors, []);
});

test("once an event of the project is stored, the banner goes", { skip: expectDown }, async () => {
  const word = uniqueWord("fresh");
  await postEvents(suite.project.ingestKey, [
    { ts: new Date().toISOString(), level: "INFO", service: "status", message: `fresh ${word}` },
  ]);
  await pollUntil(
    async () => (await queryApi(suite.project.queryKey, "/v1/status")).verdict === "ok",
    { timeoutMs: PIPELINE_MS, what: "the status route to say ok" },
  );
  const page = await suite.open("/search");
  await page.getByText(`fresh ${word}`).waitFor({ timeout: SAYS_SO_MS });
  assert.equal(await banner(page).count(), 0);
  assert.deepEqual(page.errors, []);
});

test("with the job stopped, every page says the pipeline is not running", { skip: !expectDown }, async () => {
  const page = await suite.open("/search");
  await banner(page)
    .getByText("The pipeline is not running")
    .waitFor({ timeout: SAYS_SO_MS });
  assert.match(await banner(page).innerText(), /devlogs-log-pipeline|JobManager/);
  await screenshot(page, "status-banner-down");

  await page.getByRole("link", { name: "Live tail" }).click();
  await banner(page).getByText("The pipeline is not running").waitFor();
  const badge = page.locator(".tail-connection");
  await badge.getByText("Connected, no new events").waitFor({ timeout: SAYS_SO_MS });
  assert.doesNotMatch(await badge.innerText(), /^\s*Live\s*$/);
  await screenshot(page, "status-tail-down");
  assert.deepEqual(page.errors, []);
});
