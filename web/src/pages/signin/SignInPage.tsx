// Sign-in with a query key: checked against the API before it is kept (sessionStorage only).

import { useEffect, useState, type FormEvent } from "react";
import { checkKey } from "../../api/client";
import { clearSignOutReason, signIn, signOutReason } from "../../auth/session";

export function SignInPage() {
  const [key, setKey] = useState("");
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(signOutReason);
  useEffect(clearSignOutReason, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError("Paste a query key first.");
      return;
    }
    setChecking(true);
    setError(null);
    const problem = await checkKey(trimmed);
    setChecking(false);
    if (problem) {
      setError(problem);
    } else {
      signIn(trimmed);
    }
  }

  return (
    <section className="card signin">
      <h1>Sign in</h1>
      <p>
        Paste a query key of your project (<code>dl_query_…</code>). It is kept in this browser tab
        only and never put in a URL.
      </p>
      <form onSubmit={submit}>
        <label htmlFor="key">Query key</label>
        <input
          id="key"
          name="key"
          type="password"
          autoComplete="off"
          placeholder="dl_query_…"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          autoFocus
        />
        <button type="submit" disabled={checking}>
          {checking ? "Checking…" : "Sign in"}
        </button>
        {error && (
          <p className="field-error signin-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
