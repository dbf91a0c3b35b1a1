// A real OpenID Connect provider for tests: panva's oidc-provider (the certified Node.js
// implementation) on 127.0.0.1, with one confidential client, an RSA signing key made at start,
// a plain login form of its own (username and password of the configured accounts) and consent
// granted at once, as a company's provider does for its own apps. ID tokens carry email, name and
// the `groups` claim.
//
// From tests: `const provider = await startOidcProvider({...}); ...; await provider.close()`.
// From a shell or a Java test: `node oidc-provider.mjs '<the same options as JSON>'`; it prints
// `oidc-provider ready <issuer>` once it listens, and stops on SIGTERM.

import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import Provider from "oidc-provider";

/**
 * @param {{port: number, clientId: string, clientSecret: string, redirectUris: string[],
 *   accounts: Record<string, {password: string, email: string, name?: string, groups?: string[]}>}} options
 */
export async function startOidcProvider(options) {
  const issuer = `http://127.0.0.1:${options.port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), use: "sig", alg: "RS256" };
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
          return sendForm(res, details.uid, "Unknown user or wrong password.");
        }
        return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      }
      return sendForm(res, details.uid, null);
    } catch (error) {
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
  const provider = await startOidcProvider(JSON.parse(process.argv[2]));
  console.log(`oidc-provider ready ${provider.issuer}`);
  const stop = async () => {
    await provider.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
