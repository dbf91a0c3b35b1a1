// Saved searches, dashboards and sharing in the dashboard: an owner saves a search, builds a
// dashboard from panels and shares it with a viewer (signed in, and signing in from the link); the
// viewer is refused an edit; a public link to a stream opens for anyone until it is revoked.
//
// Runs against DEVLOGS_QUERY_URL (a query service with this branch's routes).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, openPage, screenshot } from "./support/browser.mjs";
import {
  createProject,
  operatorKey,
  pollUntil,
  postEvents,
  queryApi,
  settings,
  uniqueWord,
} from "./support/stack.mjs";

const PASSWORD = "correct horse battery staple";
const service = uniqueWord("brd-svc-");
const stream = uniqueWord("brd-run-");
const COUNT = 3;
let browser;
let project;
let owner;
let viewer;
let viewerEmail;
let dashboardPath;

async function accept(path, name) {
  const page = await openPage(browser);
  await page.goto(path);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Choose a password").fill(PASSWORD);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await page.getByRole("link", { name: "Dashboards" }).waitFor();
  return page;
}

before(async () => {
  [browser, project] = await Promise.all([launchBrowser(), createProject()]);
  const response = await fetch(`${settings.queryUrl}/v1/operator/organisations`, {
    method: "POST",
    headers: { Authorization: `Bearer ${operatorKey()}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      name: uniqueWord("brd-org-"),
      ownerEmail: `${uniqueWord("brd-owner-")}@example.test`,
      projectIds: [project.projectId],
    }),
  });
  const created = await response.json();
  assert.equal(response.status, 201, JSON.stringify(created));
  owner = await accept(created.owner.path, "Olga Owner");

  await owner.getByRole("link", { name: "Members" }).click();
  viewerEmail = `${uniqueWord("brd-viewer-")}@example.test`;
  await owner.getByLabel("Email to invite").fill(viewerEmail);
  await owner.getByLabel("Invited role").selectOption("viewer");
  await owner.getByRole("button", { name: "Invite", exact: true }).click();
  const url = await owner.getByTestId("invitation-url").innerText();
  viewer = await accept(new URL(url).pathname, "Vera Viewer");

  const now = Date.now();
  await postEvents(
    project.ingestKey,
    Array.from({ length: COUNT }, (_, i) => ({
      ts: new Date(now - (60 - i) * 1000).toISOString(),
      level: i === 0 ? "ERROR" : "INFO",
      service,
      stream,
      message: `board step ${i}`,
      step: `s${i}`,
    })),
  );
  await pollUntil(
    async () =>
      (await queryApi(project.queryKey, `/v1/logs?service=${service}&limit=100`)).events.length ===
      COUNT,
    { timeoutMs: 120_000, what: `${COUNT} events of ${service} in search` },
  );
});

after(async () => {
  await browser?.close();
});

test("an owner saves a search and opens it again from Saved searches", async () => {
  await owner.goto(`/search?q=board&service=${service}&range=1h`);
  await owner.getByRole("button", { name: "Save", exact: true }).click();
  await owner.getByLabel("Saved search name").fill("Board steps");
  await owner.getByLabel("Share with the project").check();
  await owner.getByRole("button", { name: "Save search" }).click();
  await owner.getByText('Saved "Board steps".').waitFor();

  await owner.getByRole("link", { name: "Saved searches", exact: true }).first().click();
  const row = owner.locator('tr[data-search-name="Board steps"]');
  await row.waitFor();
  assert.match(await row.innerText(), /the project/);
  await screenshot(owner, "boards-saved-searches");
  await row.getByRole("link", { name: "Board steps" }).click();
  await owner.waitForURL(/\/search\?/);
  const url = new URL(owner.url());
  assert.equal(url.searchParams.get("q"), "board");
  assert.equal(url.searchParams.get("service"), service);
  assert.equal(url.searchParams.get("range"), "1h");
  assert.deepEqual(owner.errors, []);
});

test("a person chooses the results' columns and a saved search restores them", async () => {
  await owner.goto(`/search?service=${service}&range=1h`);
  await owner.locator("table.events tr.event").first().waitFor();
  const picker = owner.locator("details.column-picker");
  await picker.getByText("Columns", { exact: true }).click();
  await picker.getByLabel("Stream", { exact: true }).uncheck();
  await owner.waitForURL((url) => url.searchParams.get("hide") === "stream");
  await picker.getByLabel("Attribute column to add").fill("step");
  await picker.getByRole("button", { name: "Add column" }).click();
  await owner.waitForURL((url) => url.searchParams.get("cols") === "step");
  const chosen = ["Time (UTC)", "Level", "Service", "step", "Message"];
  assert.deepEqual(await columnsOnceThey(owner, chosen), chosen);
  assert.match(await owner.locator("table.events td.attribute-cell").first().innerText(), /^s\d$/);

  await owner.getByRole("button", { name: "Save", exact: true }).click();
  await owner.getByLabel("Saved search name").fill("Steps by column");
  await owner.getByRole("button", { name: "Save search" }).click();
  await owner.getByText('Saved "Steps by column".').waitFor();

  await owner.goto("/search?range=1h");
  await owner.getByRole("link", { name: "Saved searches", exact: true }).first().click();
  await owner.locator('tr[data-search-name="Steps by column"]').getByRole("link", { name: "Steps by column" }).click();
  await owner.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("cols") === "step");
  const url = new URL(owner.url());
  assert.equal(url.searchParams.get("hide"), "stream");
  assert.equal(url.searchParams.get("service"), service);
  await owner.locator("table.events tr.event").first().waitFor();
  assert.deepEqual(await columnsOnceThey(owner, chosen), chosen);
  assert.deepEqual(owner.errors, []);
});

/**
 * The results table's column headers once they equal `expected`, or as they are after 10 s: the
 * table renders again when the URL changes, so right after a change it may have no header yet.
 */
async function columnsOnceThey(page, expected) {
  await page
    .waitForFunction(
      (want) =>
        JSON.stringify([...document.querySelectorAll("table.events thead th")].map((th) => th.innerText)) ===
        JSON.stringify(want),
      expected,
      { timeout: 10_000 },
    )
    .catch(() => {}); // the assertion after it names what was there
  return page.locator("table.events thead th").allInnerTexts();
}

test("an owner builds a dashboard from panels, with a variable, and saves it", async () => {
  await owner.getByRole("link", { name: "Dashboards" }).click();
  await owner.getByLabel("Dashboard name").fill("Board health");
  await owner.getByRole("button", { name: "Create dashboard" }).click();
  await owner.getByRole("heading", { name: "Board health" }).waitFor();
  dashboardPath = new URL(owner.url()).pathname;
  assert.match(dashboardPath, /^\/dashboards\/[0-9a-f-]{36}$/);

  await owner.getByRole("button", { name: "Edit" }).click();
  for (const kind of ["Single number", "Log table", "Metrics series"]) {
    await owner.getByLabel("New panel kind").selectOption({ label: kind });
    await owner.getByRole("button", { name: "Add panel" }).click();
  }
  const parameters = owner.getByLabel("Panel parameters");
  assert.equal(await parameters.count(), 3);
  for (let i = 0; i < 3; i++) await parameters.nth(i).fill("service=$service");
  await owner.getByLabel("Variable service").fill(service);
  await owner.getByRole("button", { name: "Save dashboard" }).click();
  await owner.locator('[data-panel-kind="logs"] .panel-table').waitFor();

  // The number panel counts the service's events (the variable substituted in its query).
  const number = owner.getByTestId("panel-number");
  await number.waitFor();
  assert.equal(await number.innerText(), String(COUNT));
  assert.match(await owner.locator('[data-panel-kind="logs"]').innerText(), /board step 2/);
  await screenshot(owner, "boards-dashboard");

  // Saved: a reload shows the same panels.
  await owner.reload();
  await owner.getByTestId("panel-number").waitFor();
  assert.equal(await owner.locator("[data-panel-kind]").count(), 3);
  assert.deepEqual(owner.errors, []);
});

test("a link shared with a viewer opens the dashboard, after sign-in when signed out", async () => {
  assert.ok(dashboardPath, "the dashboard test ran first");
  await owner.goto(dashboardPath);
  await owner.getByRole("button", { name: "Share" }).click();
  await owner.getByRole("button", { name: "Link for members" }).click();
  const link = await owner.getByTestId("member-link").innerText();
  assert.match(link, /\/open\?project=/);

  const shared = new URL(link);
  await viewer.goto(`${shared.pathname}${shared.search}`);
  await viewer.getByRole("heading", { name: "Board health" }).waitFor();
  assert.equal(new URL(viewer.url()).pathname, dashboardPath);

  const signedOut = await openPage(browser);
  await signedOut.goto(`${shared.pathname}${shared.search}`);
  await signedOut.getByLabel("Email").fill(viewerEmail);
  await signedOut.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await signedOut.getByRole("button", { name: "Log in" }).click();
  await signedOut.getByRole("heading", { name: "Board health" }).waitFor();
  assert.equal(new URL(signedOut.url()).pathname, dashboardPath);
  await screenshot(signedOut, "boards-shared-with-viewer");
});

test("a viewer reads the dashboard but is refused an edit", async () => {
  await viewer.goto(dashboardPath);
  await viewer.getByTestId("panel-number").waitFor();
  assert.equal(await viewer.getByRole("button", { name: "Edit" }).count(), 0);
  await viewer.getByRole("link", { name: "Dashboards" }).click();
  await viewer.getByLabel("Dashboard name").fill("Viewer's board");
  await viewer.getByRole("button", { name: "Create dashboard" }).click();
  const refusal = viewer.locator(".action-error");
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /needs the editor role/);
  await screenshot(viewer, "boards-viewer-refused");
});

test("a public link to a stream opens for anyone until it is revoked", async () => {
  await owner.goto(`/streams/${stream}?range=1h`);
  await owner.getByRole("button", { name: "Share" }).click();
  await owner.getByRole("button", { name: "Create public link" }).click();
  const url = new URL(await owner.getByTestId("public-link").innerText());
  assert.match(url.pathname, /^\/p\//);

  const anyone = await openPage(browser);
  await anyone.goto(url.pathname);
  await anyone.getByText("board step 1").waitFor();
  assert.equal(await anyone.locator(".public-events tr").count(), COUNT);
  await screenshot(anyone, "boards-public-stream");

  await owner.getByRole("link", { name: "Public links" }).click();
  const row = owner.locator(`tr[data-link-title="stream ${stream}"]`);
  await row.getByRole("button", { name: "Revoke" }).click();
  await row.locator(".link-status", { hasText: "revoked" }).waitFor();
  await anyone.reload();
  await anyone.getByText("This link does not exist, has expired or was revoked.").waitFor();
});
