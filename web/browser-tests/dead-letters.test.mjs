// Dead letters: the project's records the pipeline could not store, newest first with their
// reason and record, counts per cause that filter the list, "load more" through the cursor,
// another project's dead letters never shown, and the empty and error states. The rows are
// written to ClickHouse dead_letters in the job's shape (the job is what fills that table).

import assert from "node:assert/strict";
import { test } from "node:test";
import { browserSuite, screenshot } from "./support/browser.mjs";
import { clickHouseInsert, pollUntil, queryApi, uniqueWord } from "./support/stack.mjs";

const marker = uniqueWord("dl-");
/** More than the page's 50 per page, so "load more" has a second page. */
const UNPARSEABLE = 55;
const OUT_OF_BOUNDS = 3;
const NEWEST_MS = Date.now() - 5 * 60_000;

function clickHouseTime(ms) {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

/** Dead letter i of a project, i seconds before the newest. */
function row(projectId, i, cause, value) {
  const ms = NEWEST_MS - i * 1_000;
  return {
    project: projectId,
    received_at: clickHouseTime(ms),
    received_ms: ms,
    dead_letter_id: `${marker}-${projectId}-${String(i).padStart(3, "0")}`,
    cause,
    reason: cause === "unparseable" ? `invalid JSON at ${i}` : `event has too many attributes (${i})`,
    value,
    value_bytes: new TextEncoder().encode(value).length,
    value_truncated: 0,
    format: "json",
    stream: "checkout-run",
    service: null,
    record_index: String(i),
    idempotency_key: null,
    source_topic: "devlogs-raw",
    source_partition: 0,
    source_offset: 1000 + i,
    retention_days: 30,
    sink_batch: marker,
  };
}

const suite = browserSuite(async () => {
  const { projectId } = suite.project;
  const rows = [];
  for (let i = 0; i < UNPARSEABLE + OUT_OF_BOUNDS; i++) {
    rows.push(
      i % 20 === 5
        ? row(projectId, i, "out_of_bounds", `{"msg":"${marker} attrs ${i}"}`)
        : row(projectId, i, "unparseable", `{"msg": ${marker} broken ${i}`),
    );
  }
  // Another project's dead letters, newer than all of ours: never shown.
  rows.push(row("p_other_" + marker, -1, "unparseable", `{"msg": other secret ${marker}`));
  await clickHouseInsert("devlogs.dead_letters", rows);
  await pollUntil(
    async () =>
      (await queryApi(suite.project.queryKey, "/v1/dead-letters/counts")).total ===
      UNPARSEABLE + OUT_OF_BOUNDS,
    { what: "the dead letters to be readable" },
  );
});

async function recordTexts(page) {
  return page.locator("table.dead-letters pre.record").allInnerTexts();
}

test("dead letters list newest first with their reason, record and source, and counts per cause", async () => {
  const page = await suite.open("/dead-letters");
  await page.locator("table.dead-letters tr.dead-letter").first().waitFor();
  const counts = page.getByRole("region", { name: "Dead letters per cause" });
  await counts.getByText(`${UNPARSEABLE + OUT_OF_BOUNDS} in this range`).waitFor();
  assert.equal(
    await counts.locator('[data-cause="unparseable"] .count').innerText(),
    String(UNPARSEABLE),
  );
  assert.equal(
    await counts.locator('[data-cause="out_of_bounds"] .count').innerText(),
    String(OUT_OF_BOUNDS),
  );

  const first = page.locator("table.dead-letters tr.dead-letter").first();
  assert.equal(await first.locator(".reason").innerText(), "invalid JSON at 0");
  assert.equal(await first.locator("pre.record").innerText(), `{"msg": ${marker} broken 0`);
  assert.match(await first.locator(".source").innerText(), /^devlogs-raw\/0\/1000$/);
  const texts = await recordTexts(page);
  assert.equal(texts.length, 50, "one page");
  assert.ok(texts.every((t) => !t.includes("other secret")), "no dead letter of another project");
  await screenshot(page, "dead-letters", { fullPage: false });
  assert.deepEqual(page.errors, []);
});

test("a cause chip filters the list and All causes clears the filter", async () => {
  const page = await suite.open("/dead-letters");
  const chip = page.locator('.cause-counts [data-cause="out_of_bounds"]');
  await chip.click();
  await page.waitForURL((url) => url.searchParams.getAll("cause").join() === "out_of_bounds");
  await page.getByText(`${OUT_OF_BOUNDS} dead letters shown`).waitFor();
  const texts = await recordTexts(page);
  assert.deepEqual(
    texts,
    [5, 25, 45].map((i) => `{"msg":"${marker} attrs ${i}"}`),
    "only out_of_bounds, newest first",
  );
  assert.equal(await chip.getAttribute("aria-pressed"), "true");

  await page.getByRole("button", { name: "All causes" }).click();
  await page.waitForURL((url) => !url.searchParams.has("cause"));
  await page.getByText("50 dead letters shown").waitFor();
  assert.deepEqual(page.errors, []);
});

test("load more follows the cursor: every dead letter once, in order", async () => {
  const page = await suite.open("/dead-letters?range=24h");
  await page.getByText("50 dead letters shown").waitFor();
  await page.getByRole("button", { name: "Load more" }).click();
  await page.getByText("no more in this range").waitFor();
  const ids = await page
    .locator("table.dead-letters tr.dead-letter")
    .evaluateAll((rows) => rows.map((r) => r.dataset.id));
  const expected = Array.from(
    { length: UNPARSEABLE + OUT_OF_BOUNDS },
    (_, i) => `${marker}-${suite.project.projectId}-${String(i).padStart(3, "0")}`,
  );
  assert.deepEqual(ids, expected);
  assert.equal(await page.getByRole("button", { name: "Load more" }).count(), 0);
  assert.deepEqual(page.errors, []);
});

test("a range without dead letters says so, and a refused filter shows the API's error", async () => {
  const from = new Date(NEWEST_MS - 3 * 86_400_000).toISOString();
  const to = new Date(NEWEST_MS - 2 * 86_400_000).toISOString();
  const page = await suite.open(`/dead-letters?from=${from}&to=${to}`);
  await page.getByText(/No dead letters between .* Every record of this range was stored\./).waitFor();
  await page.getByText("0 in this range").waitFor();
  await screenshot(page, "dead-letters-empty");

  const refused = await suite.open("/dead-letters?cause=Not-A-Cause");
  const alert = refused.getByRole("alert").filter({ hasText: "invalid_parameter" }).first();
  await alert.waitFor();
  assert.match(await alert.innerText(), /'cause'/);
  assert.deepEqual(refused.errors, []);
});
