// Metrics: for a project whose events produced minute windows, the page draws non-empty events,
// errors, error-rate and latency charts and ranks its services; a service click narrows the charts.

import assert from "node:assert/strict";
import { test } from "node:test";
import { browserSuite, screenshot } from "./support/browser.mjs";
import { pollUntil, postEvents, queryApi } from "./support/stack.mjs";

const MINUTE = 60_000;
/** Events per minute of each service: checkout has errors, catalog none. */
const PER_MINUTE = { checkout: { INFO: 3, ERROR: 2 }, catalog: { INFO: 4 } };
const MINUTES = 4;

/**
 * Events in each of the minutes 6..3 minutes ago (within the job's allowed lateness), each with a
 * duration. Minute windows close when the watermark passes them, so a last event timed "now"
 * moves it on (the windows may also close earlier through other projects' events).
 */
function eventsOverPastMinutes(now) {
  const first = Math.floor(now / MINUTE) * MINUTE - 6 * MINUTE;
  const events = [];
  for (let m = 0; m < MINUTES; m++) {
    for (const [service, levels] of Object.entries(PER_MINUTE)) {
      for (const [level, count] of Object.entries(levels)) {
        for (let i = 0; i < count; i++) {
          events.push({
            ts: new Date(first + m * MINUTE + 1_000 * (i + 1)).toISOString(),
            level,
            service,
            stream: `metrics-${service}`,
            message: `${service} request ${m}-${i}`,
            duration_ms: String(service === "checkout" ? 200 + 10 * i : 20 + i),
          });
        }
      }
    }
  }
  return events;
}

const suite = browserSuite(async () => {
  const now = Date.now();
  await postEvents(suite.project.ingestKey, eventsOverPastMinutes(now));
  await postEvents(suite.project.ingestKey, [
    { ts: new Date().toISOString(), level: "INFO", service: "clock", stream: "metrics-clock", message: "tick" },
  ]);
  const from = new Date(now - 30 * MINUTE).toISOString();
  const expected = MINUTES * 9;
  await pollUntil(
    async () => {
      const top = await queryApi(suite.project.queryKey, `/v1/metrics/top?from=${from}&by=events`);
      const windowed = top.services
        .filter((s) => s.service !== "clock")
        .reduce((sum, s) => sum + s.events, 0);
      return windowed === expected;
    },
    { timeoutMs: 180_000, what: `${expected} events in the project's closed minute windows` },
  );
});

/** The `d` attributes of the lines drawn in a chart panel. */
async function linePaths(page, panel) {
  const section = page.getByRole("region", { name: panel });
  // A flat line has an empty bounding box, which Playwright counts as hidden.
  await section.locator("svg path").first().waitFor({ state: "attached" });
  return section.locator("svg path").evaluateAll((paths) => paths.map((p) => p.getAttribute("d")));
}

test("the charts and the top services show the project's windows", async () => {
  const page = await suite.open("/metrics?range=1h&granularity=minute");

  const top = page.getByRole("region", { name: "Top services" });
  const checkout = top.locator("tr", { hasText: "checkout" });
  await checkout.waitFor();
  // Ranked by errors: checkout (8 errors of 20) before catalog (none).
  const rows = await top.locator("tbody tr").allInnerTexts();
  assert.match(rows[0], /checkout\s+20\s+8\s+40\.0%/);
  assert.match(rows.find((r) => r.includes("catalog")), /catalog\s+16\s+0\s+0\.0%/);

  for (const panel of ["Events per service", "Errors per service", "Error rate", "Latency p95 per service"]) {
    const paths = await linePaths(page, panel);
    assert.ok(
      paths.some((d) => d && d.includes("L")),
      `${panel}: at least one line with two or more points, got ${JSON.stringify(paths)}`,
    );
  }
  const legend = await page.getByRole("region", { name: "Events per service" }).locator(".chart-legend").innerText();
  assert.match(legend, /checkout/);
  assert.match(legend, /catalog/);
  await screenshot(page, "metrics");
  assert.deepEqual(page.errors, []);
});

test("clicking a service narrows the charts to it and shows its percentiles", async () => {
  const page = await suite.open("/metrics?range=1h&granularity=minute&groupBy=level");
  await page.getByRole("region", { name: "Top services" }).getByRole("button", { name: "checkout" }).click();

  await page.waitForURL((url) => url.searchParams.get("service") === "checkout");
  await page.getByText("service = checkout").waitFor();
  const latency = page.getByRole("region", { name: "Latency of checkout" });
  await latency.locator("svg path").first().waitFor({ state: "attached" });
  assert.equal(await latency.locator(".chart-legend").innerText(), "p50\np95\np99");
  const levels = await page.getByRole("region", { name: "Events per level" }).locator(".chart-legend").innerText();
  assert.deepEqual(levels.split("\n").sort(), ["ERROR", "INFO"]);
  await screenshot(page, "metrics-service");

  const search = page.getByRole("link", { name: "errors" }).first();
  assert.match(await search.getAttribute("href"), /^\/search\?service=checkout&level=ERROR%2CFATAL&range=1h$/);
  assert.deepEqual(page.errors, []);
});

test("a range without windows shows empty states; too many points shows the API's refusal", async () => {
  const dayAgo = Date.now() - 86_400_000;
  const quiet = new URLSearchParams({
    from: new Date(dayAgo - 3_600_000).toISOString(),
    to: new Date(dayAgo).toISOString(),
  });
  const page = await suite.open(`/metrics?${quiet}`);
  await page.getByRole("region", { name: "Events per service" }).getByText("No events in this time range.").waitFor();
  await page.getByRole("region", { name: "Top services" }).getByText("No events in this time range.").waitFor();

  // 7 days of minutes is over the API's 1,500 points per series.
  await page.goto("/metrics?range=7d&granularity=minute");
  const refusal = page.getByRole("region", { name: "Events per service" }).getByRole("alert");
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /invalid_parameter/);
  assert.match(await refusal.innerText(), /granularity|points/);
  assert.deepEqual(page.errors, []);
});
