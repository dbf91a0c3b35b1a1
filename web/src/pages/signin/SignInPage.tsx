// Sign-in: a person with an email and password or through single sign-on (the session lives in an
// HttpOnly cookie), or a query key checked against the API before it is kept (sessionStorage only).

import { useEffect, useState, type FormEvent } from "react";
import { checkKey } from "../../api/client";
import { signInWithPassword, ssoStartUrl } from "../../api/people";
import { clearSignOutReason, signIn, signOutReason } from "../../auth/session";

/** The reason single sign-on sent the browser back with (`?signin_error=`), if any. */
function ssoError(): string | null {
  return new URLSearchParams(window.location.search).get("signin_error");
}

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

  const next = window.location.pathname.startsWith("/invitations/")
    ? "/search"
    : window.location.pathname + window.location.search.replace(/[?&]signin_error=[^&]*/, "");

  return (
    <>
      <PersonSignIn next={next || "/"} />
      <section className="card signin">
        <h2>Or use a query key</h2>
        <p>
          Paste a query key of your project (<code>dl_query_…</code>). It is kept in this browser
          tab only and never put in a URL.
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
    </>
  );
}

function PersonSignIn({ next }: { next: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(ssoError);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signInWithPassword(email.trim(), password);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <section className="card signin person-signin">
      <h1>Sign in</h1>
      <form onSubmit={submit}>
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoFocus
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" disabled={busy || !email || !password}>
          {busy ? "Checking…" : "Log in"}
        </button>
        {error && (
          <p className="field-error person-signin-error" role="alert">
            {error}
          </p>
        )}
      </form>
      <p>
        <a className="sso-link" href={ssoStartUrl(next)}>
          Sign in with single sign-on
        </a>
      </p>
    </section>
  );
}
