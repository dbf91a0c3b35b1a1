// A real OpenID Connect provider for tests: panva's oidc-provider (the certified Node.js
// implementation) on 127.0.0.1, with one confidential client, an RSA signing key made at start,
// a plain login form of its own (username and password of the configured accounts) and consent
// granted at once, as a company's provider does for its own apps. ID tokens carry email, name and
// the `groups` claim.
//
// From tests: `const provider = await startOidcProvider({...}); ...; await provider.close()`.
// From a shell or a Java test: `node oidc-provider.mjs '<the same options as JSON>'`, or
// `node oidc-provider.mjs <file holding them>` (the local stack's component `oidc-provider`, whose
// options the launcher writes from the settings: io.devlogs.ops.oidc.LocalOidcProvider); it prints
// `oidc-provider ready <issuer>` once it listens, a line per login, and stops on SIGTERM.

import { generateKeyPairSync, randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import Provider from "oidc-provider";

/**
 * @param {{port: number, issuer?: string, clientId: string, clientSecret: string,
 *   redirectUris: string[], signingKeyFile?: string,
 *   accounts: Record<string, {password: string, email: string, name?: string, groups?: string[]}>}} options
 *   issuer: what the provider calls itself (default http://127.0.0.1:<port>); signingKeyFile: where
 *   its RSA key is kept across restarts (default: a new key at each start)
 */
export async function startOidcProvider(options) {
  const issuer = options.issuer ?? `http://127.0.0.1:${options.port}`;
  const jwk = signingKey(options.signingKeyFile);
  const accounts = options.accounts ?? {};

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomUUID()] },
    claims: { openid: ["sub"], email: ["email"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    // Scope claims go into the ID token, which devlogs reads; no UserInfo call is needed.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, sub) {
      const account = accounts[sub];
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            email: account.email,
            name: account.name ?? sub,
            groups: account.groups ?? [],
          };
        },
      };
    },
  });
  provider.proxy = false;
  provider.on("server_error", (ctx, error) => console.error(`server error: ${error.message}`));
  const callback = provider.callback();

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, issuer);
      const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
      if (!match) return callback(req, res);
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === "consent") {
        const grant = details.grantId
          ? await provider.Grant.find(details.grantId)
          : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
        grant.addOIDCScope(String(details.params.scope));
        const grantId = await grant.save();
        return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      }
      if (req.method === "POST" && match[2]) {
        const form = new URLSearchParams(await readBody(req));
        const login = form.get("login") ?? "";
        const account = accounts[login];
        if (!account || account.password !== form.get("password")) {
          console.log(`login refused for '${login}' (unknown user or wrong password)`);
          return sendForm(res, details.uid, "Unknown user or wrong password.");
        }
        console.log(`login of '${login}' (${account.email}, groups ${JSON.stringify(account.groups ?? [])})`);
        return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      }
      return sendForm(res, details.uid, null);
    } catch (error) {
      console.error(`interaction failed: ${error.message}`);
      res.statusCode = 500;
      res.setHeader("Content-Type", "text/plain");
      res.end(`test provider error: ${error.message}`);
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", resolve);
  });
  return {
    issuer,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An RS256 private JWK: the one kept in `file`, else a new one (written there if a file is named). */
function signingKey(file) {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), use: "sig", alg: "RS256" };
  if (file) writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function sendForm(res, uid, error) {
  res.statusCode = error ? 401 : 200;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.end(`<!doctype html><html><head><title>Test identity provider</title></head><body>
<h1>Test identity provider</h1>
${error ? `<p role="alert">${error}</p>` : ""}
<form method="post" action="/interaction/${uid}/login">
<label>Username <input name="login" autocomplete="off"></label>
<label>Password <input name="password" type="password"></label>
<button type="submit">Continue</button>
</form></body></html>`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const argument = process.argv[2] ?? "";
  const options = JSON.parse(argument.trimStart().startsWith("{") ? argument : readFileSync(argument, "utf8"));
  const provider = await startOidcProvider(options);
  console.log(`oidc-provider ready ${provider.issuer}`);
  const stop = async () => {
    await provider.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
