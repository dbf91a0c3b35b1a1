// Empty and error states: nothing found, a filter the API refuses (its detail names the
// parameter), and an event id that is not the project's.

import assert from "node:assert/strict";
import { test } from "node:test";
import { browserSuite, screenshot } from "./support/browser.mjs";
import { uniqueWord } from "./support/stack.mjs";

const suite = browserSuite();

test("a search without matches says so", async () => {
  const page = await suite.open(`/search?q=${uniqueWord("nothing")}&range=15m`);
  await page.getByText("No events match these filters in this time range.").waitFor();
  assert.equal(await page.locator("table.events").count(), 0);
  await screenshot(page, "search-empty");
});

test("a filter the API refuses shows its error naming the parameter", async () => {
  const tooManyTerms = Array.from({ length: 17 }, (_, i) => `t${i}`).join(" ");
  const page = await suite.open(`/search?q=${encodeURIComponent(tooManyTerms)}&range=15m`);
  const results = page.getByRole("alert").filter({ hasText: "invalid_parameter" }).first();
  await results.waitFor();
  assert.match(await results.innerText(), /\bq\b/);
  await screenshot(page, "search-error");
});

test("an unknown event id shows not found", async () => {
  const page = await suite.open(`/events/${uniqueWord("missing")}?at=${new Date().toISOString()}`);
  await page.getByText(/No event .* in this project around/).waitFor();
  await screenshot(page, "event-not-found");
});
