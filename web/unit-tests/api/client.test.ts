// The API client's parameters and error handling, with fetch and sessionStorage replaced by fakes
// (Node has neither a session nor a query service).

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import {
  ApiError,
  apiUrl,
  checkKey,
  filterParams,
  searchLogs,
  setAlertRuleEnabled,
  toSearchParams,
} from "../../src/api/client";
import type { PersonSession } from "../../src/api/types";
import {
  personSession,
  queryKey,
  setPersonSession,
  signIn,
  signOutReason,
} from "../../src/auth/session";

/** sessionStorage as the browser has it, kept in a Map. */
class MemoryStorage {
  private readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
  removeItem(key: string): void {
    this.values.delete(key);
  }
}

interface Call {
  url: string;
  init?: RequestInit;
}

const realFetch = globalThis.fetch;
let calls: Call[];

/** Answers every request with `answer` and records it. */
function fakeFetch(answer: () => Promise<Response>): void {
  globalThis.fetch = ((url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return answer();
  }) as typeof fetch;
}

function json(status: number, body: unknown): Promise<Response> {
  return Promise.resolve(
    new Response(JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json" },
    }),
  );
}

const RANGE = { from: "2026-01-01T00:00:00Z", to: "2026-01-01T01:00:00Z" };

beforeEach(() => {
  calls = [];
  Object.assign(globalThis, { sessionStorage: new MemoryStorage() });
});

afterEach(() => {
  globalThis.fetch = realFetch;
});

describe("query parameters", () => {
  it("repeats list values and leaves out empty ones", () => {
    const params = toSearchParams({ level: ["WARN", "ERROR"], q: "", stream: null, limit: 5, cursor: undefined });
    assert.equal(params.toString(), "level=WARN&level=ERROR&limit=5");
  });

  it("sends the search filters under the API's names", () => {
    const params = filterParams({
      ...RANGE,
      q: "timeout",
      levels: ["FATAL"],
      services: ["api"],
      stream: "s",
      attributes: { "http.status": "500" },
    });
    assert.deepEqual(params, {
      ...RANGE,
      q: "timeout",
      level: ["FATAL"],
      service: ["api"],
      stream: "s",
      "attr.http.status": "500",
    });
  });

  it("adds a query string only when there are parameters", () => {
    assert.equal(apiUrl("/v1/logs"), "/v1/logs");
    assert.equal(apiUrl("/v1/logs", { q: "a b" }), "/v1/logs?q=a+b");
  });
});

describe("requests", () => {
  it("sends the key as a bearer token and returns the page", async () => {
    signIn("k-123");
    fakeFetch(() => json(200, { events: [], nextCursor: null }));
    const page = await searchLogs({ ...RANGE, levels: ["ERROR"] }, { limit: 10 });
    assert.deepEqual(page, { events: [], nextCursor: null });
    assert.equal(calls.length, 1);
    assert.equal(
      calls[0].url,
      "/v1/logs?from=2026-01-01T00%3A00%3A00Z&to=2026-01-01T01%3A00%3A00Z&level=ERROR&limit=10",
    );
    assert.deepEqual(calls[0].init?.headers, {
      Authorization: "Bearer k-123",
      Accept: "application/json",
    });
  });

  it("refuses without a key, without asking the service", async () => {
    fakeFetch(() => json(200, {}));
    await assert.rejects(searchLogs(RANGE, {}), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 401);
      assert.equal(e.code, "missing_key");
      return true;
    });
    assert.equal(calls.length, 0);
  });

  it("turns the contract's error body into an ApiError and keeps the key", async () => {
    signIn("k");
    fakeFetch(() =>
      json(400, { error: "invalid_parameter", message: "to is before from", detail: { parameter: "to" } }),
    );
    await assert.rejects(searchLogs(RANGE, {}), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 400);
      assert.equal(e.code, "invalid_parameter");
      assert.equal(e.message, "to is before from");
      return true;
    });
    assert.equal(queryKey(), "k");
  });

  for (const status of [401, 403]) {
    it(`signs out with the reason on ${status}`, async () => {
      signIn("k");
      fakeFetch(() => json(status, { error: "wrong_scope", message: "The key cannot query." }));
      await assert.rejects(searchLogs(RANGE, {}), (e: unknown) => e instanceof ApiError && e.status === status);
      assert.equal(queryKey(), null);
      assert.equal(signOutReason(), "The key cannot query. (wrong_scope)");
    });
  }

  it("keeps the sign-in on a role refusal and reports it", async () => {
    signIn("k");
    fakeFetch(() =>
      json(403, {
        error: "forbidden",
        message: "this needs the editor role on the project; yours is viewer",
        detail: { requiredRole: "editor", role: "viewer" },
      }),
    );
    await assert.rejects(setAlertRuleEnabled("r-1", false), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 403);
      assert.match(e.message, /needs the editor role/);
      return true;
    });
    assert.equal(queryKey(), "k");
  });

  it("sends a person's change in the session's cookie with its CSRF token", async () => {
    setPersonSession({
      user: { id: "u_1", email: "ada@example.test", name: "Ada" },
      csrfToken: "csrf-123",
      project: { projectId: "p_1", projectName: "shop", organisationId: "o_1", role: "editor" },
    } as unknown as PersonSession);
    try {
      fakeFetch(() => json(200, { id: "r-1", enabled: false }));
      await setAlertRuleEnabled("r-1", false);
      assert.equal(calls[0].url, "/v1/alerts/rules/r-1/disable");
      assert.equal(calls[0].init?.method, "POST");
      assert.equal(calls[0].init?.credentials, "same-origin");
      assert.deepEqual(calls[0].init?.headers, {
        Accept: "application/json",
        "X-CSRF-Token": "csrf-123",
      });
      assert.ok(personSession(), "still signed in");
    } finally {
      setPersonSession(null);
    }
  });

  it("names the status when the error body is not the contract's", async () => {
    signIn("k");
    fakeFetch(() => Promise.resolve(new Response("<html>bad gateway</html>", { status: 502 })));
    await assert.rejects(searchLogs(RANGE, {}), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 502);
      assert.equal(e.code, "http_502");
      assert.equal(e.message, "HTTP 502");
      return true;
    });
  });

  it("reports an unreachable service as a network error", async () => {
    signIn("k");
    fakeFetch(() => Promise.reject(new TypeError("fetch failed")));
    await assert.rejects(searchLogs(RANGE, {}), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 0);
      assert.equal(e.code, "network_error");
      return true;
    });
  });

  it("passes a cancelled request's AbortError through", async () => {
    signIn("k");
    fakeFetch(() => Promise.reject(new DOMException("aborted", "AbortError")));
    await assert.rejects(
      searchLogs(RANGE, {}),
      (e: unknown) => e instanceof DOMException && e.name === "AbortError",
    );
  });
});

describe("checkKey", () => {
  it("accepts a key that may query, or one refused only for other reasons", async () => {
    fakeFetch(() => json(200, { events: [], nextCursor: null }));
    assert.equal(await checkKey("k"), null);
    fakeFetch(() => json(503, { error: "backend_unavailable", message: "ClickHouse is down." }));
    assert.equal(await checkKey("k"), null);
    assert.match(calls[0].url, /^\/v1\/logs\?from=.*&to=.*&limit=1$/);
  });

  it("says why a key is refused", async () => {
    fakeFetch(() => json(401, { error: "invalid_key", message: "Unknown key." }));
    assert.equal(await checkKey("k"), "That key was not accepted (invalid_key): Unknown key.");
    fakeFetch(() => json(403, { error: "wrong_scope", message: "Needs query." }));
    assert.equal(await checkKey("k"), "That key cannot query (wrong_scope): Needs query.");
  });

  it("says when the service cannot be reached", async () => {
    fakeFetch(() => Promise.reject(new TypeError("fetch failed")));
    assert.equal(await checkKey("k"), "Cannot reach the query service.");
  });
});
