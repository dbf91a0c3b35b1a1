import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RecordingRule } from "../../../src/api/types";
import {
  derivedFormOf,
  derivedInputOfField,
  describeDerived,
  emptyDerivedForm,
  toDerivedInput,
} from "../../../src/pages/derived/derivedForm";

describe("derived metric form", () => {
  it("turns the inputs into the API's rule body", () => {
    const input = toDerivedInput({
      ...emptyDerivedForm(),
      name: "checkout latency",
      service: "pay",
      levels: "error, fatal",
      text: "checkout",
      attributes: "env=prod",
      aggregation: "p99",
      field: " duration_ms ",
      groupBy: "region, level",
      maxGroups: "20",
    });
    assert.deepEqual(input, {
      name: "checkout latency",
      enabled: true,
      definition: {
        filter: { service: "pay", level: ["error", "fatal"], text: "checkout", attributes: { env: "prod" } },
        aggregation: "p99",
        field: "duration_ms",
        group_by: ["region", "level"],
        max_groups: 20,
      },
    });
  });

  it("sends no field for a count, and a non-number as typed so the API names it", () => {
    const input = toDerivedInput({ ...emptyDerivedForm(), name: "n", field: "ms", maxGroups: "lots" });
    assert.equal(input.definition.field, undefined);
    assert.equal(input.definition.max_groups, "lots" as unknown as number);
    assert.deepEqual(input.definition.filter, {});
  });

  it("shows a stored rule and reads back to the same body", () => {
    const rule: RecordingRule = {
      id: "3f0c1f8e-4b7a-4c1e-9a59-0d3c2b1a0f99",
      name: "declines",
      enabled: false,
      version: 3,
      createdAt: "2030-01-01T00:00:00Z",
      updatedAt: "2030-01-01T00:00:00Z",
      definition: { filter: { level: "error" }, aggregation: "sum", field: "amount", group_by: ["service"], max_groups: 50 },
    };
    const form = derivedFormOf(rule);
    assert.equal(form.levels, "error");
    assert.equal(form.groupBy, "service");
    assert.equal(form.enabled, false);
    assert.deepEqual(toDerivedInput(form), { name: "declines", enabled: false, definition: rule.definition });
    assert.equal(describeDerived(rule.definition), "sum of amount by service");
  });

  it("points a 400's field at its input", () => {
    assert.equal(derivedInputOfField("definition.field"), "field");
    assert.equal(derivedInputOfField("definition.group_by[1]"), "groupBy");
    assert.equal(derivedInputOfField("definition.filter.level"), "levels");
    assert.equal(derivedInputOfField("definition.max_groups"), "maxGroups");
    assert.equal(derivedInputOfField("definition.fieldx"), null);
    assert.equal(derivedInputOfField(undefined), null);
  });
});
