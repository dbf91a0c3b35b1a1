// Sign-in: a wrong key is refused with the API's reason; a query key opens the dashboard, and the
// key never appears in the URL.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, openPage, screenshot, signIn } from "./support/browser.mjs";
import { createProject } from "./support/stack.mjs";

let browser;
let project;

before(async () => {
  [browser, project] = await Promise.all([launchBrowser(), createProject()]);
});

after(async () => {
  await browser?.close();
});

test("sign-in with a wrong key shows the error and stays on the sign-in form", async () => {
  const page = await openPage(browser);
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
  const page = await openPage(browser);
  await page.goto("/search");
  await page.getByLabel("Query key").fill(project.ingestKey);
  await page.getByRole("button", { name: "Sign in" }).click();

  const error = page.locator(".signin-error");
  await error.waitFor();
  assert.match(await error.innerText(), /cannot query \(wrong_scope\)/);
});

test("a query key opens the page asked for, keeps the key out of the URL, and signs out", async () => {
  const page = await openPage(browser);
  await page.goto("/metrics");
  await signIn(page, project.queryKey);

  assert.equal(new URL(page.url()).pathname, "/metrics");
  assert.ok(!page.url().includes(project.queryKey), "the key is not in the URL");
  assert.equal(
    await page.evaluate(() => sessionStorage.getItem("devlogs.queryKey")),
    project.queryKey,
  );
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Query key").waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem("devlogs.queryKey")), null);
});
