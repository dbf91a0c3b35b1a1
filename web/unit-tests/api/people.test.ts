// The people client: roles compared in their order, the session's CSRF token on every change and
// never on a read, a person's data requests sent with the cookie instead of a key, and an ended
// session sending the page back to sign-in while a refused role does not.

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { searchLogs } from "../../src/api/client";
import { issueKey, projectKeys, roleAtLeast } from "../../src/api/people";
import type { PersonSession } from "../../src/api/types";
import { personSession, setPersonSession, signOutReason } from "../../src/auth/session";

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

const realFetch = globalThis.fetch;
let calls: { url: string; init?: RequestInit }[];

function answer(status: number, body: unknown): void {
  globalThis.fetch = ((url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }),
    );
  }) as typeof fetch;
}

const SESSION = {
  user: { id: "u_1", email: "ada@example.test", name: "Ada" },
  csrfToken: "csrf-123",
  project: { projectId: "p_1", projectName: "shop", organisationId: "o_1", role: "viewer" },
  projects: [],
  organisations: [],
  expiresAt: "2030-01-01T00:00:00Z",
} as unknown as PersonSession;

beforeEach(() => {
  calls = [];
  Object.assign(globalThis, { sessionStorage: new MemoryStorage() });
  setPersonSession(SESSION);
});

afterEach(() => {
  globalThis.fetch = realFetch;
  setPersonSession(null);
});

describe("people client", () => {
  it("compares roles in their order", () => {
    assert.ok(roleAtLeast("owner", "admin"));
    assert.ok(roleAtLeast("admin", "admin"));
    assert.ok(!roleAtLeast("editor", "admin"));
    assert.ok(!roleAtLeast(null, "viewer"));
  });

  it("sends the CSRF token with a change and not with a read", async () => {
    answer(201, { key: "dl_query_x", info: {} });
    await issueKey(["query"]);
    answer(200, { keys: [] });
    await projectKeys();
    const change = calls[0].init?.headers as Record<string, string>;
    const read = calls[1].init?.headers as Record<string, string>;
    assert.equal(change["X-CSRF-Token"], "csrf-123");
    assert.equal(calls[0].init?.method, "POST");
    assert.equal(read["X-CSRF-Token"], undefined);
  });

  it("queries a person's project with the cookie, without a key", async () => {
    answer(200, { events: [], nextCursor: null });
    await searchLogs({ from: "2026-01-01T00:00:00Z", to: "2026-01-01T01:00:00Z" }, {});
    assert.deepEqual(calls[0].init?.headers, { Accept: "application/json" });
  });

  it("keeps the session on a refused role and ends it when the service says it ended", async () => {
    answer(403, { error: "forbidden", message: "this needs the admin role on the project" });
    await assert.rejects(projectKeys(), /needs the admin role/);
    assert.equal(personSession(), SESSION);

    answer(401, { error: "not_signed_in", message: "your session has ended" });
    await assert.rejects(projectKeys(), /session has ended/);
    assert.equal(personSession(), null);
    assert.match(signOutReason() ?? "", /not_signed_in/);
  });
});
