import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  accept,
  completionContext,
  errorSpot,
  isLogQuery,
  isMetricQuery,
  quote,
  suggestions,
  withFilter,
} from "../../../src/pages/search/logql";

describe("query kinds", () => {
  it("tells log queries, metric queries and free text apart", () => {
    assert.equal(isLogQuery('  {service="api"} |= "x"'), true);
    assert.equal(isLogQuery("timeout error"), false);
    assert.equal(isMetricQuery('sum by (service) (rate({service="api"}[1m]))'), true);
    assert.equal(isMetricQuery('count_over_time({a="b"}[5m])'), true);
    assert.equal(isMetricQuery("topk(3, sum by (x) (rate({a=\"b\"}[1m])))"), true);
    assert.equal(isMetricQuery("summary of the day"), false);
    assert.equal(isMetricQuery("rate limited (again)"), false);
    assert.equal(isMetricQuery('{service="api"}'), false);
  });
});

describe("quote", () => {
  it("escapes backslashes, quotes and line breaks", () => {
    assert.equal(quote('a "b" \\ c\nd'), '"a \\"b\\" \\\\ c\\nd"');
  });
});

describe("errorSpot", () => {
  it("marks the word at the offset the API named", () => {
    const text = '{service="api"} | duration_ms > soon';
    const spot = errorSpot(text, { parameter: "q", offset: 32, expected: "expected a number" });
    assert.deepEqual(spot, {
      before: '{service="api"} | duration_ms > ',
      at: "soon",
      after: "",
      offset: 32,
      expected: "expected a number",
    });
  });

  it("marks a space at the end of the text", () => {
    const spot = errorSpot('{service="api"} |=', { offset: 18, expected: "x" });
    assert.equal(spot?.at, " ");
    assert.equal(spot?.before, '{service="api"} |=');
  });

  it("is null without a usable offset", () => {
    assert.equal(errorSpot("abc", { parameter: "q" }), null);
    assert.equal(errorSpot("abc", { offset: 9 }), null);
    assert.equal(errorSpot("abc", null), null);
  });
});

describe("completion", () => {
  const fields = [
    { name: "service", values: ["api", "web", "worker"] },
    { name: "level", values: ["error", "info"] },
    { name: "duration_ms", values: ["12", "500"] },
    { name: "http.status", values: ["200", "500"] },
    { name: "bad key", values: [] },
  ];

  it("completes a label name in the selector, with its '='", () => {
    const text = "{ser";
    const context = completionContext(text, text.length);
    assert.deepEqual(context, { kind: "label", prefix: "ser", from: 1, inSelector: true });
    assert.deepEqual(suggestions(context!, fields), ["service"]);
    assert.deepEqual(accept(text, text.length, context!, "service"), {
      text: "{service=",
      cursor: 9,
    });
  });

  it("completes a value inside the quotes and closes them", () => {
    const text = '{service="w';
    const context = completionContext(text, text.length);
    assert.deepEqual(context, { kind: "value", label: "service", prefix: "w", from: 10 });
    assert.deepEqual(suggestions(context!, fields), ["web", "worker"]);
    assert.deepEqual(accept(text, text.length, context!, "worker"), {
      text: '{service="worker"',
      cursor: 17,
    });
  });

  it("completes attribute names after '|' and 'and', without '='", () => {
    const text = '{service="api"} | dur';
    const context = completionContext(text, text.length);
    assert.deepEqual(context, { kind: "label", prefix: "dur", from: 18, inSelector: false });
    assert.deepEqual(suggestions(context!, fields), ["duration_ms"]);
    assert.equal(accept(text, text.length, context!, "duration_ms").text, '{service="api"} | duration_ms');
    const after = '{service="api"} | duration_ms > 5 and h';
    assert.deepEqual(suggestions(completionContext(after, after.length)!, fields), ["http.status"]);
  });

  it("offers nothing inside a line filter's text or in free text", () => {
    assert.equal(completionContext('{service="api"} |= "tim', 23), null);
    assert.equal(completionContext("timeout ser", 11), null);
  });

  it("leaves out names LogQL cannot write unquoted", () => {
    const context = completionContext("{", 1)!;
    assert.deepEqual(suggestions(context, fields), ["service", "level", "duration_ms", "http.status"]);
  });
});

describe("withFilter", () => {
  it("adds a stream label into the selector", () => {
    assert.equal(
      withFilter('{service="api"} |= "x"', "level", "=", "error"),
      '{service="api", level="error"} |= "x"',
    );
  });

  it("adds an attribute as a label filter, numbers unquoted for comparisons", () => {
    assert.equal(
      withFilter('{service="api"}', "user", "=", 'al"ice'),
      '{service="api"} | user="al\\"ice"',
    );
    assert.equal(
      withFilter('{service="api"}', "duration_ms", ">", "500"),
      '{service="api"} | duration_ms > 500',
    );
  });

  it("turns free text into a query over every service, words as line filters", () => {
    assert.equal(
      withFilter('payment "card declined"', "http.status", "=", "500"),
      '{service=~".+"} |= "payment" |= "card declined" | http.status="500"',
    );
    assert.equal(withFilter("", "service", "=", "api"), '{service="api"}');
    assert.equal(withFilter("", "duration_ms", ">=", "10"), '{service=~".+"} | duration_ms >= 10');
  });

  it("keeps a selector value with braces intact", () => {
    assert.equal(
      withFilter('{stream="a}b"}', "service", "!=", "web"),
      '{stream="a}b", service!="web"}',
    );
  });
});
