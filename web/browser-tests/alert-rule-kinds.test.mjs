// The alert rule editor for every kind beyond match counts (alerts.test.mjs has those): an owner
// creates and then edits a latency-percentile rule (a bad percentile named at its input first), a
// new-pattern rule (no threshold, comparison or pending time to set), an error-rate rule and a
// heartbeat; what the API stores is checked after each save, and the editor shows it back.

import assert from "node:assert/strict";
import { test } from "node:test";
import { browserSuite, screenshot } from "./support/browser.mjs";
import { acceptInvitation, createOrganisation } from "./support/people.mjs";
import { queryApi, uniqueWord } from "./support/stack.mjs";

let owner;
const suite = browserSuite(async () => {
  const created = await createOrganisation(
    uniqueWord("kinds-org-"),
    [suite.project.projectId],
    `${uniqueWord("owner-")}@example.test`,
  );
  assert.equal(created.status, 201, JSON.stringify(created.body));
  owner = await acceptInvitation(suite.browser, created.body.owner.path, "Kim Kinds");
});

function ruleForm(page) {
  return page.getByRole("form", { name: "Rule" });
}

/** Fills a new rule's name, kind and service; resolves with the form. */
async function newRule(name, kind) {
  await owner.goto("/alerts/rules/new");
  const form = ruleForm(owner);
  await form.locator('input[name="name"]').fill(name);
  await form.locator('select[name="kind"]').selectOption(kind);
  await form.locator('input[name="service"]').fill("pay");
  return form;
}

/** Creates the filled rule; resolves with its id once the editor shows version 1. */
async function create(form) {
  await form.getByRole("button", { name: "Create" }).click();
  await owner.waitForURL(/\/alerts\/rules\/[0-9a-f-]{36}$/);
  await owner.getByText("version 1 · enabled").waitFor();
  return owner.url().split("/").pop();
}

/** Saves the open rule; resolves once the editor shows the version. */
async function save(form, version) {
  await form.getByRole("button", { name: "Save" }).click();
  await owner.getByText(`version ${version} · enabled`).waitFor();
}

const stored = (id) => queryApi(suite.project.queryKey, `/v1/alerts/rules/${id}`);

test("a latency percentile rule is created and edited in the editor", async () => {
  const name = uniqueWord("slow-pay-");
  const form = await newRule(name, "latency_percentile");
  await form.locator('input[name="windowSeconds"]').fill("300");
  await form.locator('input[name="percentile"]').fill("2");
  await form.locator('select[name="op"]').selectOption(">");
  await form.locator('input[name="threshold"]').fill("800");
  await form.getByRole("button", { name: "Create" }).click();
  await owner.getByRole("alert").getByText("definition.percentile").waitFor();
  assert.equal(await form.locator('input[name="percentile"]').getAttribute("aria-invalid"), "true");

  await form.locator('input[name="percentile"]').fill("0.95");
  const id = await create(form);
  let rule = await stored(id);
  assert.equal(rule.kind, "latency_percentile");
  assert.equal(rule.definition.percentile, 0.95);
  assert.equal(rule.definition.threshold, 800);
  assert.equal(rule.definition.window_seconds, 300);
  assert.equal(rule.definition.filter.service, "pay");

  await form.locator('input[name="percentile"]').fill("0.99");
  await form.locator('input[name="threshold"]').fill("1200");
  await form.locator('input[name="forSeconds"]').fill("60");
  await save(form, 2);
  rule = await stored(id);
  assert.equal(rule.definition.percentile, 0.99);
  assert.equal(rule.definition.threshold, 1200);
  assert.equal(rule.forSeconds, 60);

  await owner.reload();
  await owner.getByText("version 2 · enabled").waitFor();
  assert.equal(await ruleForm(owner).locator('input[name="percentile"]').inputValue(), "0.99");
  assert.equal(await ruleForm(owner).locator('select[name="kind"]').inputValue(), "latency_percentile");
  await screenshot(owner, "alert-kind-latency-percentile");
  await owner.goto("/alerts");
  await owner
    .locator(`tr.alert-rule[data-rule="${name}"]`)
    .getByText("p99 latency > 1200 ms over 300 s for 60 s")
    .waitFor();
  assert.deepEqual(owner.errors, []);
});

test("a new pattern rule is created and edited, with no threshold to set", async () => {
  const name = uniqueWord("new-pattern-");
  const form = await newRule(name, "new_pattern");
  assert.equal(await form.locator('input[name="threshold"]').count(), 0);
  assert.equal(await form.locator('select[name="op"]').count(), 0);
  assert.equal(await form.locator('input[name="forSeconds"]').count(), 0);
  await form.locator('input[name="windowSeconds"]').fill("600");
  const id = await create(form);
  let rule = await stored(id);
  assert.equal(rule.kind, "new_pattern");
  assert.equal(rule.definition.window_seconds, 600);
  assert.equal(rule.definition.threshold, undefined);

  await form.locator('input[name="windowSeconds"]').fill("900");
  await form.locator('input[name="labels"]').fill("team=payments");
  await save(form, 2);
  rule = await stored(id);
  assert.equal(rule.definition.window_seconds, 900);
  assert.deepEqual(rule.labels, { team: "payments" });

  await owner.goto("/alerts");
  const row = owner.locator(`tr.alert-rule[data-rule="${name}"]`);
  await row.getByText("a new log pattern, learnt over 900 s").waitFor();
  await screenshot(owner, "alert-kind-new-pattern-listed");
  assert.deepEqual(owner.errors, []);
});

test("error rate and heartbeat rules are created and edited", async () => {
  const rate = await newRule(uniqueWord("error-rate-"), "error_rate");
  await rate.locator('input[name="threshold"]').fill("0.05");
  const rateId = await create(rate);
  assert.equal((await stored(rateId)).definition.threshold, 0.05);
  await rate.locator('input[name="threshold"]').fill("0.1");
  await save(rate, 2);
  assert.equal((await stored(rateId)).definition.threshold, 0.1);

  const heartbeat = await newRule(uniqueWord("heartbeat-"), "absence");
  assert.equal(await heartbeat.locator('input[name="threshold"]').count(), 0);
  await heartbeat.locator('input[name="windowSeconds"]').fill("120");
  const beatId = await create(heartbeat);
  assert.equal((await stored(beatId)).kind, "absence");
  await heartbeat.locator('input[name="windowSeconds"]').fill("180");
  await save(heartbeat, 2);
  assert.equal((await stored(beatId)).definition.window_seconds, 180);
  assert.deepEqual(owner.errors, []);
});
