// Patterns: the project's log patterns of a range with their counts, sparklines, first seen and
// example, sorted by count or newest; a click searches the pattern's events; another project's
// patterns never shown; the empty and error states. The rows are written to ClickHouse
// pattern_minutes, patterns and events in the job's shape (the job is what fills those tables).

import assert from "node:assert/strict";
import { test } from "node:test";
import { browserSuite, screenshot } from "./support/browser.mjs";
import { clickHouseInsert, pollUntil, queryApi, uniqueWord } from "./support/stack.mjs";

const marker = uniqueWord("pt-");
const hex = marker.slice(3); // 12 hex digits
const LOGIN = `a${hex}001`;
const PAYMENT = `b${hex}002`;
const FOREIGN = `c${hex}003`;
const NOW_MINUTE = Math.floor(Date.now() / 60_000) * 60_000;

function clickHouseTime(ms) {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

function minute(project, id, minutesAgo, events) {
  return {
    project,
    pattern_id: id,
    service: "api",
    level: id === PAYMENT ? "ERROR" : "INFO",
    minute: clickHouseTime(NOW_MINUTE - minutesAgo * 60_000),
    events,
    version: 1,
  };
}

function pattern(project, id, template, firstSeenMinutesAgo) {
  return {
    project,
    pattern_id: id,
    template,
    first_seen: clickHouseTime(NOW_MINUTE - firstSeenMinutesAgo * 60_000),
    example: template.replace("<*>", "42"),
    version: 1,
  };
}

const suite = browserSuite(async () => {
  const { projectId } = suite.project;
  await clickHouseInsert("devlogs.pattern_minutes", [
    minute(projectId, LOGIN, 50, 30),
    minute(projectId, LOGIN, 10, 12),
    minute(projectId, PAYMENT, 5, 4),
    minute("p_other_" + marker, FOREIGN, 5, 1_000_000),
  ]);
  await clickHouseInsert("devlogs.patterns", [
    pattern(projectId, LOGIN, `${marker} user <*> logged in`, 600),
    pattern(projectId, PAYMENT, `${marker} payment <*> failed`, 5),
    pattern("p_other_" + marker, FOREIGN, `other secret ${marker} <*>`, 1),
  ]);
  await clickHouseInsert("devlogs.events", [
    {
      project: projectId,
      ts: clickHouseTime(NOW_MINUTE - 5 * 60_000),
      event_id: `${marker}-payment`,
      level: "ERROR",
      service: "api",
      stream: "s",
      message: `${marker} payment 42 failed`,
      attr_keys: [],
      attr_values: [],
      received_at: clickHouseTime(NOW_MINUTE - 5 * 60_000),
      pattern_id: PAYMENT,
    },
  ]);
  await pollUntil(
    async () => (await queryApi(suite.project.queryKey, "/v1/patterns")).patterns.length === 2,
    { what: "the patterns to be readable" },
  );
});

async function templates(page) {
  return page.locator("table.patterns-table tr.pattern-row .template").allInnerTexts();
}

test("patterns list by count with their sparkline, first seen and example, none of another project", async () => {
  const page = await suite.open("/patterns");
  await page.locator("table.patterns-table tr.pattern-row").first().waitFor();
  assert.deepEqual(await templates(page), [
    `${marker} user <*> logged in`,
    `${marker} payment <*> failed`,
  ]);
  const first = page.locator(`tr.pattern-row[data-pattern="${LOGIN}"]`);
  assert.equal(await first.locator(".count").innerText(), "42");
  assert.match(await first.locator(".example").innerText(), /user 42 logged in/);
  const label = await first.locator("svg.sparkline").getAttribute("aria-label");
  assert.match(label, /^events over time: /);
  assert.equal(label.split(":")[1].split(",").map(Number).reduce((a, b) => a + b, 0), 42);
  assert.ok(!(await page.content()).includes("other secret"), "no pattern of another project");
  await screenshot(page, "patterns", { fullPage: false });
  assert.deepEqual(page.errors, []);
});

test("newest first, then a click searches the pattern's events", async () => {
  const page = await suite.open("/patterns");
  await page.getByRole("button", { name: "Newest" }).click();
  await page.waitForURL((url) => url.searchParams.get("sort") === "newest");
  await page.locator(`tr.pattern-row[data-pattern="${PAYMENT}"]`).waitFor();
  assert.deepEqual(await templates(page), [
    `${marker} payment <*> failed`,
    `${marker} user <*> logged in`,
  ]);

  await page.locator(`tr.pattern-row[data-pattern="${PAYMENT}"] .template`).click();
  await page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("pattern") === PAYMENT);
  await page.getByText(`${marker} payment 42 failed`).first().waitFor();
  await page.getByText(`pattern = ${PAYMENT}`).waitFor();
  assert.deepEqual(page.errors, []);
});

test("a range without patterns says so, and a refused range shows the API's error", async () => {
  const from = new Date(NOW_MINUTE - 3 * 86_400_000).toISOString();
  const to = new Date(NOW_MINUTE - 2 * 86_400_000).toISOString();
  const page = await suite.open(`/patterns?from=${from}&to=${to}`);
  await page.getByText("No patterns in this range.").waitFor();

  const refused = await suite.open("/patterns?from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z");
  const alert = refused.getByRole("alert").filter({ hasText: "invalid_parameter" }).first();
  await alert.waitFor();
  assert.deepEqual(refused.errors, []);
});
