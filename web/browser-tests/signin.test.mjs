// Sign-in: a wrong key is refused with the API's reason; a query key opens the dashboard, the key
// never appears in the URL, and a key revoked while in use sends the user back to sign-in.

import assert from "node:assert/strict";
import { test } from "node:test";
import { browserSuite, openPage, screenshot } from "./support/browser.mjs";
import { createProject, pollUntil, revokeKey } from "./support/stack.mjs";

const suite = browserSuite();

test("sign-in with a wrong key shows the error and stays on the sign-in form", async () => {
  const page = await openPage(suite.browser);
  await page.goto("/search");
  await page.getByLabel("Query key").fill("dl_query_this-key-does-not-exist");
  await page.getByRole("button", { name: "Sign in" }).click();

  const error = page.locator(".signin-error");
  await error.waitFor();
  assert.match(await error.innerText(), /not accepted \(invalid_key\)/);
  assert.equal(await page.getByRole("button", { name: "Sign out" }).count(), 0);
  await screenshot(page, "signin-wrong-key");
  assert.deepEqual(page.errors, []);
});

test("sign-in with a key of another scope says it cannot query", async () => {
  const page = await openPage(suite.browser);
  await page.goto("/search");
  await page.getByLabel("Query key").fill(suite.project.ingestKey);
  await page.getByRole("button", { name: "Sign in" }).click();

  const error = page.locator(".signin-error");
  await error.waitFor();
  assert.match(await error.innerText(), /cannot query \(wrong_scope\)/);
});

test("a query key opens the page asked for, keeps the key out of the URL, and signs out", async () => {
  const page = await suite.open("/metrics");

  assert.equal(new URL(page.url()).pathname, "/metrics");
  assert.ok(!page.url().includes(suite.project.queryKey), "the key is not in the URL");
  assert.equal(
    await page.evaluate(() => sessionStorage.getItem("devlogs.queryKey")),
    suite.project.queryKey,
  );
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Query key").waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem("devlogs.queryKey")), null);
});

test("a key revoked while signed in sends the user back to sign-in with the reason", async () => {
  const revoked = await createProject();
  const page = await suite.open("/search?range=15m", revoked.queryKey);
  await revokeKey(revoked.adminKey, revoked.queryKeyId);

  // The query service caches key lookups for a few seconds; refresh until the 401 arrives. The
  // 401 of an earlier refresh may sign the page out between the check and the click: the click
  // then finds no Refresh button, so it gives up soon and the next round sees the sign-in form
  // (a click left waiting its default 30 s used up the whole deadline).
  await pollUntil(
    async () => {
      if ((await page.getByLabel("Query key").count()) > 0) return true;
      await page.getByRole("button", { name: "Refresh" }).click({ timeout: 2_000 });
      return false;
    },
    { timeoutMs: 30_000, what: "the revoked key to send the page back to sign-in" },
  );
  assert.match(await page.locator(".signin-error").innerText(), /invalid_key/);
  assert.equal(new URL(page.url()).pathname, "/search", "the page asked for stays in the URL");
  assert.equal(await page.evaluate(() => sessionStorage.getItem("devlogs.queryKey")), null);
});
