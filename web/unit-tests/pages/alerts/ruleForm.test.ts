import assert from "node:assert/strict";
import { test } from "node:test";
import type { AlertRule } from "../../../src/api/types";
import {
  emptyForm,
  formOf,
  inputOfField,
  parsePairs,
  toInput,
} from "../../../src/pages/alerts/ruleForm";

test("the form becomes the API's rule body with the filter's fields only when given", () => {
  const body = toInput({
    ...emptyForm(),
    name: "declines",
    service: " pay ",
    levels: "error, fatal",
    text: "declined",
    attributes: "region=eu, tier = gold",
    threshold: "10",
    forSeconds: "60",
    labels: "team=payments",
  });
  assert.deepEqual(body.definition, {
    filter: {
      service: "pay",
      level: ["error", "fatal"],
      text: "declined",
      attributes: { region: "eu", tier: "gold" },
    },
    window_seconds: 300,
    op: ">",
    threshold: 10,
  });
  assert.equal(body.forSeconds, 60);
  assert.deepEqual(body.labels, { team: "payments" });
});

test("an absence rule sends no comparison, and a non-number goes as text for the API to name", () => {
  const body = toInput({ ...emptyForm(), kind: "absence", windowSeconds: "ten" });
  assert.deepEqual(body.definition, { filter: {}, window_seconds: "ten" });
});

test("a stored rule fills the form it came from", () => {
  const form = { ...emptyForm(), name: "x", levels: "error", service: "pay", labels: "a=1" };
  const body = toInput(form);
  const rule = {
    ...body,
    id: "1",
    version: 2,
    createdAt: "",
    updatedAt: "",
    severity: "warning",
    description: "",
    enabled: true,
    forSeconds: 0,
    receivers: [],
    labels: { a: "1" },
  } as unknown as AlertRule;
  const back = formOf(rule);
  assert.equal(back.levels, "error");
  assert.equal(back.service, "pay");
  assert.equal(back.labels, "a=1");
  assert.equal(back.threshold, "10");
});

test("pairs without a value are kept for the API to refuse, blanks dropped", () => {
  assert.deepEqual(parsePairs("a=1, ,b"), { a: "1", b: "" });
});

test("a 400's field points at its input", () => {
  assert.equal(inputOfField("definition.window_seconds"), "windowSeconds");
  assert.equal(inputOfField("definition.filter.level"), "levels");
  assert.equal(inputOfField("definition.filter.attributes.k"), "attributes");
  assert.equal(inputOfField("receivers[0]"), "receivers");
  assert.equal(inputOfField("nonsense"), null);
  assert.equal(inputOfField(undefined), null);
});

test("a latency rule sends its percentile with the comparison; a new-pattern rule sends neither", () => {
  const latency = toInput({ ...emptyForm(), kind: "latency_percentile", service: "pay", percentile: "0.95", threshold: "500" });
  assert.deepEqual(latency.definition, {
    filter: { service: "pay" },
    window_seconds: 300,
    percentile: 0.95,
    op: ">",
    threshold: 500,
  });
  const pattern = toInput({ ...emptyForm(), kind: "new_pattern", windowSeconds: "3600" });
  assert.deepEqual(pattern.definition, { filter: {}, window_seconds: 3600 });
  assert.equal(inputOfField("definition.percentile"), "percentile");
});

test("a stored latency rule shows its percentile in the form", () => {
  const form = formOf({
    id: "0b7c3a52-4a8e-4c9d-9f0e-1d2c3b4a5f60",
    name: "slow pay",
    kind: "latency_percentile",
    definition: { filter: { service: "pay" }, window_seconds: 60, percentile: 0.9, op: ">", threshold: 250 },
    forSeconds: 0,
    severity: "warning",
    labels: {},
    description: "",
    enabled: true,
    version: 1,
    receivers: [],
    createdAt: "2026-12-07T00:00:00Z",
    updatedAt: "2026-12-07T00:00:00Z",
  } as AlertRule);
  assert.equal(form.percentile, "0.9");
  assert.equal(form.threshold, "250");
  assert.deepEqual(toInput(form).definition, {
    filter: { service: "pay" },
    window_seconds: 60,
    percentile: 0.9,
    op: ">",
    threshold: 250,
  });
});

test("a derived_metric rule sends its recording rule, group and over instead of a filter, and reads back", () => {
  const body = toInput({
    ...emptyForm(),
    name: "slow eu",
    kind: "derived_metric",
    service: "ignored",
    recordingRuleId: " 6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b ",
    group: "region=eu",
    over: "avg",
    windowSeconds: "300",
    threshold: "800",
  });
  assert.deepEqual(body.definition, {
    recording_rule_id: "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
    over: "avg",
    window_seconds: 300,
    group: { region: "eu" },
    op: ">",
    threshold: 800,
  });
  assert.equal(inputOfField("definition.recording_rule_id"), "recordingRuleId");
  assert.equal(inputOfField("definition.group.region"), "group");
  const form = formOf({
    id: "r",
    name: "slow eu",
    kind: "derived_metric",
    definition: body.definition,
    forSeconds: 0,
    severity: "warning",
    labels: {},
    description: "",
    enabled: true,
    version: 1,
    receivers: [],
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
  } as AlertRule);
  assert.equal(form.recordingRuleId, "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b");
  assert.equal(form.group, "region=eu");
  assert.equal(form.over, "avg");
});
