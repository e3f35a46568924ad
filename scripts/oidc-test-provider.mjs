#!/usr/bin/env node
// A local OpenID Connect provider for tests and for trying the staff login on a laptop
// (docs/security-oidc.md). It uses the certified `oidc-provider` package (a devDependency) and is
// never part of the running platform.
//
//   node scripts/oidc-test-provider.mjs --port=0 --client-id=doorleren --client-secret=geheim \
//     --redirect-uri=http://localhost:8000/account/inloggen/organisatie/terug/ --accounts=accounts.json
//
// Options (or the environment variable in brackets):
//   --host          address to listen on (OIDC_TEST_HOST, default 127.0.0.1)
//   --port          port; 0 picks a free one (OIDC_TEST_PORT, default 0)
//   --client-id     the one client (OIDC_TEST_CLIENT_ID, default "doorleren")
//   --client-secret its secret (OIDC_TEST_CLIENT_SECRET, required)
//   --redirect-uri  its redirect URI; repeat for more (OIDC_TEST_REDIRECT_URI, comma-separated)
//   --accounts      a JSON file (OIDC_TEST_ACCOUNTS, required), read again at every login:
//                   {"<login name>": {"sub": "...", "email": "...", "email_verified": true,
//                                      "name": "...", "amr": ["pwd", "otp"], "acr": "..."}}
//
// When it listens it prints one JSON line on stdout: {"issuer": "http://127.0.0.1:PORT", "port": PORT}.
// The login page (/interaction/<uid>) asks only for a login name from the accounts file: no password.
// It has a button to cancel, which sends the browser back with error=access_denied. Consent is given
// automatically (one first-party client). PKCE is required for every request.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    host: { type: 'string', default: process.env.OIDC_TEST_HOST || '127.0.0.1' },
    port: { type: 'string', default: process.env.OIDC_TEST_PORT || '0' },
    'client-id': { type: 'string', default: process.env.OIDC_TEST_CLIENT_ID || 'doorleren' },
    'client-secret': { type: 'string', default: process.env.OIDC_TEST_CLIENT_SECRET || '' },
    'redirect-uri': { type: 'string', multiple: true, default: [] },
    accounts: { type: 'string', default: process.env.OIDC_TEST_ACCOUNTS || '' },
  },
});

const redirectUris = args['redirect-uri'].length
  ? args['redirect-uri']
  : (process.env.OIDC_TEST_REDIRECT_URI || '').split(',').map((uri) => uri.trim()).filter(Boolean);

function fail(message) {
  process.stderr.write(`oidc-test-provider: ${message}\n`);
  process.exit(2);
}

if (!args['client-secret']) fail('--client-secret is required');
if (!redirectUris.length) fail('--redirect-uri is required');
if (!args.accounts) fail('--accounts is required');

function accounts() {
  try {
    return JSON.parse(readFileSync(args.accounts, 'utf8'));
  } catch (error) {
    process.stderr.write(`oidc-test-provider: cannot read ${args.accounts}: ${error.message}\n`);
    return {};
  }
}

function accountBySub(sub) {
  return Object.values(accounts()).find((account) => account.sub === sub);
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function loginForm(uid, error = '') {
  return page('Test provider: sign in', `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
  <label for="login">Login name</label>
  <input id="login" name="login" autocomplete="off" autofocus>
  <button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort">
  <button type="submit">Cancel</button>
</form>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

// A fresh signing key for every start: tests must fetch the keys (JWKS) like any client does.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };

const server = createServer();

server.listen(Number(args.port), args.host, () => {
  const { port } = server.address();
  const issuer = `http://${args.host}:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: args['client-id'],
        client_secret: args['client-secret'],
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub', 'acr', 'amr', 'auth_time'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    async findAccount(ctx, sub) {
      const account = accountBySub(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          const claims = { sub };
          for (const name of ['email', 'email_verified', 'name']) {
            if (name in account) claims[name] = account[name];
          }
          return claims;
        },
      };
    },
    // One first-party client: consent is given without asking.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      grant.addOIDCClaims(['email', 'email_verified', 'name']);
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();

  server.on('request', async (req, res) => {
    const match = /^\/interaction\/([^/?]+)(?:\/(login|abort))?(?:\?.*)?$/.exec(req.url);
    if (!match) {
      callback(req, res);
      return;
    }
    const [, uid, action] = match;
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid) {
        send(res, 400, page('Test provider', '<p>Unknown interaction.</p>'));
      } else if (!action && req.method === 'GET') {
        send(res, 200, loginForm(uid));
      } else if (action === 'abort' && req.method === 'POST') {
        await provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'End-User aborted interaction' },
          { mergeWithLastSubmission: false },
        );
      } else if (action === 'login' && req.method === 'POST') {
        const form = await readForm(req);
        const account = accounts()[form.get('login') || ''];
        if (!account) {
          send(res, 400, loginForm(uid, 'Unknown login name.'));
          return;
        }
        const login = { accountId: account.sub };
        if (account.amr) login.amr = account.amr;
        if (account.acr) login.acr = account.acr;
        await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
      } else {
        send(res, 405, page('Test provider', '<p>Method not allowed.</p>'));
      }
    } catch (error) {
      send(res, 400, page('Test provider', `<p>${escapeHtml(error.message)}</p>`));
    }
  });

  process.stdout.write(`${JSON.stringify({ issuer, port })}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
