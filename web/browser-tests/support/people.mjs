// People for the browser tests: an organisation the operator makes over projects, with an owner's
// invitation, and an invitation accepted in a new page, where that person is then signed in.

import { readFileSync } from "node:fs";
import { openPage } from "./browser.mjs";
import { operatorKey, settings } from "./stack.mjs";

const DEMO_ACCOUNTS = new URL("../../../stack/oidc-provider/accounts.json", import.meta.url);

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

/**
 * A demo account of the local stack's OpenID Connect provider (`bin/devlogs up` starts it with
 * stack/oidc-provider/accounts.json) in a group that `roleMapping` (people.oidc.role-mapping:
 * `group=organisation:role,...`) maps; with that organisation and role. Throws if none is.
 */
export function mappedDemoAccount(roleMapping) {
  const accounts = JSON.parse(readFileSync(DEMO_ACCOUNTS, "utf8"));
  for (const entry of roleMapping.split(",")) {
    const match = /^\s*([^=]+?)\s*=\s*(.+?):(\w+)\s*$/.exec(entry);
    if (!match) continue;
    const [, group, organisation, role] = match;
    const login = Object.keys(accounts).find((name) => (accounts[name].groups ?? []).includes(group));
    if (login) return { login, account: accounts[login], organisation, role };
  }
  throw new Error(`no demo account of ${DEMO_ACCOUNTS.pathname} is in a group of '${roleMapping}'`);
}

/**
 * Throws, saying what to do, unless an OpenID Connect provider answers at `issuer` and the query
 * service under test sends people there to sign in (a query service started before its
 * people.oidc.* settings has no single sign-on).
 */
export async function requireSingleSignOn(issuer) {
  const discovery = `${issuer}/.well-known/openid-configuration`;
  let provider;
  try {
    provider = await fetch(discovery);
  } catch (error) {
    provider = { ok: false, status: error.cause?.code ?? error.message };
  }
  if (!provider.ok) {
    throw new Error(
      `no OpenID Connect provider answers at ${discovery} (${provider.status}): ` +
        "start the local stack's with `bin/devlogs start oidc-provider`",
    );
  }
  const start = await fetch(`${settings.queryUrl}/v1/auth/sso/start`, { redirect: "manual" });
  const location = start.headers.get("location") ?? "";
  if (start.status !== 302 || !location.startsWith(`${issuer}/`)) {
    throw new Error(
      `the query service at ${settings.queryUrl} does not send sign-ins to ${issuer} ` +
        `(GET /v1/auth/sso/start answered ${start.status} ${location || (await start.text())}): ` +
        "restart it with the settings of `bin/devlogs env` (bin/devlogs stop query, start query)",
    );
  }
}
