// People in the dashboard: an owner accepts the operator's invitation, invites a viewer who
// accepts and later signs in with a password; the viewer is refused an admin action with the
// reason; and a person of a mapped group signs in through the local OpenID Connect provider.
//
// Runs against DEVLOGS_QUERY_URL. Single sign-on goes through the provider at
// DEVLOGS_PEOPLE_OIDC_ISSUER with the role mapping DEVLOGS_PEOPLE_OIDC_ROLE_MAPPING, as
// `bin/devlogs env` prints them: the local stack's own provider (component oidc-provider), signing
// in with one of its demo accounts (stack/oidc-provider/accounts.json).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, openPage, screenshot } from "./support/browser.mjs";
import {
  acceptInvitation,
  createOrganisation,
  mappedDemoAccount,
  PASSWORD,
  requireSingleSignOn,
} from "./support/people.mjs";
import { createProject, uniqueWord } from "./support/stack.mjs";

let browser;
let project;
let ownerInvitationPath;

before(async () => {
  [browser, project] = await Promise.all([launchBrowser(), createProject()]);
  const created = await createOrganisation(
    uniqueWord("browser-org-"),
    [project.projectId],
    `${uniqueWord("owner-")}@example.test`,
  );
  assert.equal(created.status, 201, JSON.stringify(created.body));
  ownerInvitationPath = created.body.owner.path;
});

after(async () => {
  await browser?.close();
});

function accept(path, name) {
  return acceptInvitation(browser, path, name);
}

let viewerEmail;

/** A new page at `path` where the viewer the first test invited signs in with a password. */
async function viewerAt(path) {
  assert.ok(viewerEmail, "the invitation test ran first");
  const page = await openPage(browser);
  await page.goto(path);
  await page.getByLabel("Email").fill(viewerEmail);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  return page;
}

test("an owner accepts, invites a viewer, who accepts and signs in again with a password", async () => {
  const owner = await accept(ownerInvitationPath, "Olive Owner");
  await owner.getByRole("link", { name: "Members" }).click();
  await owner.getByRole("heading", { name: /Members of/ }).waitFor();
  viewerEmail = `${uniqueWord("viewer-")}@example.test`;
  await owner.getByLabel("Email to invite").fill(viewerEmail);
  await owner.getByLabel("Invited role").selectOption("viewer");
  await owner.getByRole("button", { name: "Invite", exact: true }).click();
  const url = await owner.getByTestId("invitation-url").innerText();
  await screenshot(owner, "people-members-invited");
  assert.match(url, /\/invitations\//);

  const viewer = await accept(new URL(url).pathname, "Vic Viewer");
  assert.equal(await viewer.locator(".person-email").innerText(), viewerEmail);
  await viewer.getByRole("button", { name: "Sign out", exact: true }).click();
  await viewer.getByLabel("Email").fill(viewerEmail);
  await viewer.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await viewer.getByRole("button", { name: "Log in" }).click();
  await viewer.getByRole("link", { name: "Members" }).click();
  const row = viewer.locator(`tr[data-email="${viewerEmail}"]`);
  await row.waitFor();
  assert.equal(await row.locator(".member-role").innerText(), "viewer");
  await screenshot(viewer, "people-members-as-viewer");
  assert.deepEqual(viewer.errors, []);
});

test("a viewer is refused an admin action and told which role it needs", async () => {
  const page = await viewerAt("/keys");
  await page.getByRole("heading", { name: /API keys of/ }).waitFor();
  // The list is refused, and so is issuing a key.
  await page.locator(".state-error").first().waitFor();
  await page.getByRole("button", { name: "Issue key" }).click();
  const refusal = page.locator(".action-error");
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /needs the admin role/);
  assert.equal(await page.getByTestId("issued-key").count(), 0);
  await screenshot(page, "people-viewer-refused");
});

test("a viewer reads alerts and derived metrics without the controls it would be refused", async () => {
  const page = await viewerAt("/alerts");
  // Each page has loaded its list (an empty state) before the absence of a control is checked.
  await page.getByText("No rules yet.").waitFor();
  assert.equal(await page.getByRole("link", { name: "New rule" }).count(), 0);
  assert.equal(await page.getByRole("link", { name: "Create one" }).count(), 0);

  await page.getByRole("link", { name: "Silences" }).click();
  await page.getByText("No silences.").waitFor();
  assert.equal(await page.getByRole("form", { name: "New silence" }).count(), 0);

  await page.getByRole("link", { name: "Receivers" }).click();
  await page.getByText("No receivers yet.").waitFor();
  assert.equal(await page.getByRole("form", { name: "New receiver" }).count(), 0);

  await page.goto("/derived-metrics");
  await page.getByText("No derived metrics yet.").waitFor();
  assert.equal(await page.getByRole("link", { name: "New derived metric" }).count(), 0);

  await page.goto("/alerts/rules/new");
  await page.getByText("Your role reads this; an editor changes it.").waitFor();
  assert.equal(await page.getByRole("button", { name: "Create" }).count(), 0);
  await screenshot(page, "people-viewer-reads-alerts");
  assert.deepEqual(page.errors, []);
});

test("a person of a mapped group signs in through the local OpenID Connect provider", async (t) => {
  const issuer = process.env.DEVLOGS_PEOPLE_OIDC_ISSUER;
  const mapping = process.env.DEVLOGS_PEOPLE_OIDC_ROLE_MAPPING ?? "";
  if (!issuer || !mapping) {
    t.skip("no DEVLOGS_PEOPLE_OIDC_ISSUER and _ROLE_MAPPING: run with the settings of `bin/devlogs env`");
    return;
  }
  await requireSingleSignOn(issuer);
  const { login, account, organisation, role } = mappedDemoAccount(mapping);
  // The mapped organisation: `bin/devlogs up` makes it over the demo project; made here if missing.
  const ssoProject = await createProject();
  const created = await createOrganisation(
    organisation,
    [ssoProject.projectId],
    `${uniqueWord("sso-owner-")}@example.test`,
  );
  assert.ok([201, 409].includes(created.status), JSON.stringify(created.body));

  const page = await openPage(browser);
  await page.goto("/metrics");
  await page.getByRole("link", { name: "Sign in with single sign-on" }).click();
  await page.getByRole("heading", { name: "Test identity provider" }).waitFor();
  await page.getByLabel("Username").fill(login);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator(".person-email").waitFor();
  assert.equal(await page.locator(".person-email").innerText(), account.email);
  assert.equal(new URL(page.url()).pathname, "/metrics");
  const session = await page.evaluate(async () => (await fetch("/v1/auth/session")).json());
  assert.equal(session.project.role, role);
  await screenshot(page, "people-sso-signed-in");
  assert.deepEqual(page.errors, []);
});
