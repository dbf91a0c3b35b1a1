// Empty and error states: nothing found, a filter the API refuses (its detail names the
// parameter), an event id that is not the project's, and the query service refusing work in a busy
// moment (503 with Retry-After: asked again, shown only when it lasts).

import assert from "node:assert/strict";
import { test } from "node:test";
import { browserSuite, openPage, screenshot, signIn } from "./support/browser.mjs";
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

/**
 * A page whose first `refusals` searches are answered as the query service answers in a busy
 * moment (503 `overloaded` with Retry-After: 1); `page.searches` counts the searches sent.
 */
async function searchWhileBusy(refusals) {
  const word = uniqueWord("busy");
  const page = await openPage(suite.browser);
  page.searches = 0;
  const isTheSearch = (url) => url.pathname === "/v1/logs" && url.searchParams.get("q") === word;
  await page.route(isTheSearch, async (route) => {
    page.searches += 1;
    if (page.searches > refusals) return route.continue();
    return route.fulfill({
      status: 503,
      headers: { "Retry-After": "1" },
      contentType: "application/json",
      body: JSON.stringify({ error: "overloaded", message: "the query service is busy: retry after 1 s" }),
    });
  });
  await page.goto(`/search?q=${word}&range=15m`);
  await signIn(page, suite.project.queryKey);
  return page;
}

test("a search refused in a busy moment is asked again after Retry-After", async () => {
  const page = await searchWhileBusy(1);
  await page.getByText("No events match these filters in this time range.").waitFor();
  assert.equal(page.searches, 2);
  assert.equal(await page.getByRole("alert").filter({ hasText: "overloaded" }).count(), 0);
});

test("a refusal that lasts is shown after two more tries", async () => {
  const page = await searchWhileBusy(Infinity);
  await page.getByRole("alert").filter({ hasText: "overloaded" }).first().waitFor();
  assert.equal(page.searches, 3);
});
