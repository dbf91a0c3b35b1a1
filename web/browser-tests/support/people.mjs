// People for the browser tests: an organisation the operator makes over projects, with an owner's
// invitation, and an invitation accepted in a new page, where that person is then signed in.

import { openPage } from "./browser.mjs";
import { operatorKey, settings } from "./stack.mjs";

export const PASSWORD = "correct horse battery staple";

/** The operator makes an organisation owning `projectIds`; resolves with the status and body. */
export async function createOrganisation(name, projectIds, ownerEmail) {
  const response = await fetch(`${settings.queryUrl}/v1/operator/organisations`, {
    method: "POST",
    headers: { Authorization: `Bearer ${operatorKey()}`, "Content-Type": "application/json" },
    body: JSON.stringify({ name, ownerEmail, projectIds }),
  });
  const body = await response.json();
  return { status: response.status, body };
}

/** Accepts the invitation at `path` in a new browser context; resolves with the signed-in page. */
export async function acceptInvitation(browser, path, name) {
  const page = await openPage(browser);
  await page.goto(path);
  await page.getByText("is invited to").waitFor();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Choose a password").fill(PASSWORD);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await page.getByRole("link", { name: "Members" }).waitFor();
  return page;
}
