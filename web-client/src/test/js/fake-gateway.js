// An in-memory stand-in for the gateway and the services behind it: just enough of the
// contract to exercise examples/walkthrough.sh and, by hand, the page (`node fake-gateway.js`).
// Tokens look like JWS but nothing is signed; DPoP proofs, though, are checked as the gateway
// checks them (dpop-proof-check.js), so that tokens bound to a key work only with its proofs.
// The real suite is tested elsewhere.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkProof } from './dpop-proof-check.js';
import { RESOURCES_DIR } from './support.js';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const PRICE = /^\d{1,7}(\.\d{1,2})?$/;
const FORBIDDEN = [403, { title: 'Forbidden', detail: 'Insufficient scope' }, { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="admin"' }];

const COOKIE = 'edgepass_refresh';
const cookieAttributes = (maxAge) => `; HttpOnly; Secure; SameSite=Strict; Path=/auth; Max-Age=${maxAge}`;
const wantsCookie = (request) => request.headers['x-refresh-token-delivery'] === 'cookie';
const refreshCookieOf = (request) => (request.headers.cookie ?? '').split(/;\s*/).find((pair) => pair.startsWith(`${COOKIE}=`))?.slice(COOKIE.length + 1);

/** Cookie mode: the refresh token leaves the body for an HttpOnly cookie. */
function deliver(request, tokens) {
  if (!wantsCookie(request)) {
    return [200, tokens];
  }
  const { refresh_token: refreshToken, ...body } = tokens;
  return [200, body, { 'Set-Cookie': `${COOKIE}=${refreshToken}${cookieAttributes(30 * 86400)}` }];
}

const CLEARED = { 'Set-Cookie': `${COOKIE}=${cookieAttributes(0)}` };

const INVALID_PROOF = (detail) => [400, { title: 'Bad Request', detail: `invalid_dpop_proof: ${detail}` }];
const DPOP_REFUSED = (error, detail) => [401, { title: 'Unauthorized', detail }, { 'WWW-Authenticate': `DPoP error="${error}", algs="ES256 EdDSA"` }];

export function startFakeGateway({ accessTokenTtl = 900, faults = {} } = {}) {
  const users = new Map();
  const sessions = new Map();
  const refreshTokens = new Map();
  const accessTokens = new Map();
  const orders = [];
  const idempotency = new Map();
  const profiles = new Map();
  const proofsSeen = new Set();
  const requests = [];
  let url;

  const now = () => Math.floor(Date.now() / 1000);

  /** jkt: the thumbprint of the login or refresh proof's key, which the tokens are bound to. */
  function issue(user, sid, jkt = null, refreshJkt = jkt) {
    const iat = now();
    const payload = { iss: url, sub: user.id, aud: 'edgepass-api', exp: iat + accessTokenTtl, nbf: iat, iat, jti: randomUUID(), client_id: 'edgepass-web', scope: 'orders:read orders:write profile:read profile:write', roles: ['USER'], preferred_username: user.username, sid, ...(jkt === null ? {} : { cnf: { jkt } }) };
    const accessToken = `${b64({ alg: 'RS256', kid: 'fake-key-1', typ: 'at+jwt' })}.${b64(payload)}.${randomBytes(32).toString('base64url')}`;
    const refreshToken = randomBytes(32).toString('base64url');
    accessTokens.set(accessToken, { userId: user.id, sid, exp: payload.exp, jkt });
    refreshTokens.set(refreshToken, { sid, spent: false, jkt: refreshJkt });
    return { access_token: accessToken, token_type: jkt === null ? 'Bearer' : 'DPoP', expires_in: accessTokenTtl, refresh_token: refreshToken, refresh_expires_in: 86400, scope: payload.scope };
  }

  /** The thumbprint of the request's proof, null without one; throws when the proof is bad. */
  function proofKeyOf(request, pathname, accessToken = null) {
    const proof = request.headers.dpop;
    return proof === undefined ? null : checkProof(proof, { method: request.method, url: `${url}${pathname}`, accessToken, seen: proofsSeen });
  }

  const handlers = {
    'GET /.well-known/jwks.json': () => [200, { keys: [{ kty: 'RSA', kid: 'fake-key-1', alg: 'RS256', use: 'sig', n: 'AQAB', e: 'AQAB' }] }],
    'GET /.well-known/oauth-authorization-server': () => [200, { issuer: url, jwks_uri: `${url}/.well-known/jwks.json` }],
    'POST /auth/register': ({ body }) => {
      const username = String(body.username ?? '').toLowerCase();
      if (!/^[a-z0-9._-]{3,64}$/.test(username) || typeof body.password !== 'string' || body.password.length < 8 || body.password.length > 128) {
        return [400, { title: 'Bad Request', detail: 'Invalid input', errors: [{ field: 'username', message: 'invalid' }] }];
      }
      if (users.has(username)) {
        return [409, { title: 'Conflict', detail: 'Username taken' }];
      }
      const user = { id: randomUUID(), username, password: body.password, displayName: body.displayName ?? null, email: body.email ?? null };
      users.set(username, user);
      return [201, { id: user.id, username }];
    },
    'POST /auth/login': ({ body, request, jkt }) => {
      const user = users.get(String(body.username ?? '').toLowerCase());
      if (!user || user.password !== body.password) {
        return [401, { title: 'Unauthorized', detail: 'Invalid credentials' }];
      }
      const sid = randomUUID();
      const at = new Date().toISOString();
      sessions.set(sid, { id: sid, userId: user.id, createdAt: at, lastUsedAt: at, userAgent: request.headers['user-agent'] ?? '', live: true });
      return deliver(request, issue(user, sid, jkt));
    },
    'POST /auth/refresh': ({ body, request, jkt }) => {
      // Without the delivery header the cookie counts for nothing: the CSRF barrier.
      const presented = body.refresh_token ?? (wantsCookie(request) ? refreshCookieOf(request) : undefined);
      const entry = presented && refreshTokens.get(presented);
      const session = entry && sessions.get(entry.sid);
      if (!entry || !session.live) {
        return [401, { title: 'Unauthorized', detail: 'Invalid refresh token' }];
      }
      if (entry.spent) {
        session.live = false;
        return [401, { title: 'Unauthorized', detail: 'Invalid refresh token' }];
      }
      if (entry.jkt !== null && entry.jkt !== jkt) {
        return INVALID_PROOF('the refresh token is bound to another key');
      }
      entry.spent = true;
      session.lastUsedAt = new Date().toISOString();
      return deliver(request, issue([...users.values()].find((u) => u.id === session.userId), entry.sid, jkt, entry.jkt));
    },
    'POST /auth/logout': ({ auth }) => {
      sessions.get(auth.sid).live = false;
      return [204, undefined, CLEARED];
    },
    'POST /auth/logout-all': ({ auth }) => {
      for (const session of sessions.values()) {
        if (session.userId === auth.userId) {
          session.live = false;
        }
      }
      return [204, undefined, CLEARED];
    },
    'GET /auth/sessions': ({ auth }) => [200, [...sessions.values()].filter((s) => s.live && s.userId === auth.userId)
      .map(({ id, createdAt, lastUsedAt, userAgent }) => ({ id, createdAt, lastUsedAt, userAgent, current: id === auth.sid }))],
    'DELETE /auth/sessions/:id': ({ auth, id }) => {
      const session = sessions.get(id);
      if (!session || !session.live || session.userId !== auth.userId) {
        return [404, { title: 'Not Found' }];
      }
      session.live = false;
      return [204];
    },
    'POST /auth/admin/keys/rotate': () => FORBIDDEN,
    'POST /auth/admin/users/:id/disable': () => FORBIDDEN,
    'GET /profiles/:id': () => FORBIDDEN,
    'POST /orders': ({ auth, body, request }) => {
      const key = request.headers['idempotency-key'];
      const fingerprint = createHash('sha256').update(JSON.stringify(body)).digest('hex');
      const remembered = key && idempotency.get(`${auth.userId}:${key}`);
      if (remembered) {
        return remembered.fingerprint === fingerprint ? remembered.response : [422, { title: 'Unprocessable Content', detail: 'Idempotency-Key reused with a different body' }];
      }
      const items = Array.isArray(body.items) ? body.items : [];
      const valid = items.length >= 1 && items.length <= 100 && /^[A-Z]{3}$/.test(body.currency ?? '')
        && items.every((i) => /^[A-Z0-9-]{1,32}$/.test(i.sku ?? '') && Number.isInteger(i.quantity) && i.quantity >= 1 && i.quantity <= 1000 && PRICE.test(String(i.unitPrice)));
      if (!valid) {
        return [400, { title: 'Bad Request', detail: 'Invalid order' }];
      }
      const cents = items.reduce((sum, i) => sum + i.quantity * Math.round(Number(i.unitPrice) * 100), 0);
      const at = new Date().toISOString();
      const order = { id: randomUUID(), ownerId: auth.userId, status: 'PLACED', items, currency: body.currency, total: (cents / 100).toFixed(2), createdAt: at, updatedAt: at };
      orders.unshift(order);
      const response = [201, order, { Location: `/orders/${order.id}` }];
      if (key) {
        idempotency.set(`${auth.userId}:${key}`, { fingerprint, response });
      }
      return response;
    },
    'GET /orders': ({ auth, query }) => {
      if (query.get('all') === 'true') {
        return [403, { title: 'Forbidden', detail: 'Insufficient scope' }];
      }
      const page = Number(query.get('page') ?? 0);
      const size = Number(query.get('size') ?? 20);
      const own = orders.filter((o) => o.ownerId === auth.userId);
      return [200, { content: own.slice(page * size, page * size + size), page: { number: page, size, totalElements: own.length, totalPages: Math.ceil(own.length / size) } }];
    },
    'GET /orders/:id': ({ auth, id }) => {
      const order = orders.find((o) => o.id === id && o.ownerId === auth.userId);
      return order ? [200, order] : [404, { title: 'Not Found' }];
    },
    'POST /orders/:id/cancel': ({ auth, id }) => {
      const order = orders.find((o) => o.id === id && o.ownerId === auth.userId);
      if (!order) {
        return [404, { title: 'Not Found' }];
      }
      if (order.status !== 'PLACED') {
        return [409, { title: 'Conflict', detail: 'Order is not cancellable' }];
      }
      order.status = 'CANCELLED';
      return [200, order];
    },
    'GET /profiles/me': ({ auth }) => {
      const profile = profileOf(auth);
      return [200, profile.body, { ETag: `"${profile.version}"` }];
    },
    'PUT /profiles/me': ({ auth, body, request }) => {
      const profile = profileOf(auth);
      const ifMatch = request.headers['if-match'];
      if (ifMatch !== undefined && ifMatch !== `"${profile.version}"`) {
        return [412, { title: 'Precondition Failed', detail: 'The profile was changed since it was read' }];
      }
      Object.assign(profile.body, { displayName: body.displayName ?? null, email: body.email ?? null, bio: body.bio ?? null, updatedAt: new Date().toISOString() });
      profile.version += 1;
      return [200, profile.body, { ETag: `"${profile.version}"` }];
    },
  };

  function profileOf(auth) {
    if (!profiles.has(auth.userId)) {
      const user = [...users.values()].find((u) => u.id === auth.userId);
      profiles.set(auth.userId, { version: 1, body: { userId: user.id, username: user.username, displayName: user.displayName, email: user.email, bio: null, updatedAt: new Date().toISOString() } });
    }
    return profiles.get(auth.userId);
  }

  function route(method, path) {
    const literalFirst = Object.entries(handlers).sort(([a], [b]) => a.includes(':') - b.includes(':'));
    for (const [pattern, handler] of literalFirst) {
      const [m, p] = pattern.split(' ');
      const match = new RegExp(`^${p.replace(':id', '([^/]+)')}$`).exec(path);
      if (m === method && match) {
        return { handler, id: match[1] && decodeURIComponent(match[1]), isPublic: p.startsWith('/.well-known') || ['/auth/register', '/auth/login', '/auth/refresh'].includes(p) };
      }
    }
    return null;
  }

  async function serveStatic(path) {
    const file = path === '/' ? 'index.html' : normalize(path).replace(/^\/+/, '');
    if (file !== 'index.html' && !file.startsWith('app/')) {
      return null;
    }
    try {
      return [200, await readFile(join(RESOURCES_DIR, file)), { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }];
    } catch {
      return null;
    }
  }

  async function handle(request) {
    const { pathname, searchParams } = new URL(request.url, 'http://fake');
    const found = route(request.method, pathname);
    if (!found) {
      return (request.method === 'GET' && await serveStatic(pathname)) || [404, { title: 'Not Found' }];
    }
    let body = {};
    const text = await new Promise((resolve) => {
      let data = '';
      request.on('data', (chunk) => { data += chunk; });
      request.on('end', () => resolve(data));
    });
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        return [400, { title: 'Bad Request', detail: 'Malformed JSON' }];
      }
    }
    let auth = null;
    let jkt = null;
    if (found.isPublic) {
      // the gateway's and auth-service's rules: a proof at login and refresh binds the tokens to its key
      if (['/auth/login', '/auth/refresh'].includes(pathname)) {
        try {
          jkt = await proofKeyOf(request, pathname);
        } catch (error) {
          return INVALID_PROOF(error.message);
        }
      }
    } else {
      const [, scheme, token = null] = /^(Bearer|DPoP) (\S+)$/.exec(request.headers.authorization ?? '') ?? [];
      auth = token && accessTokens.get(token);
      if (!auth || auth.exp <= now() || !sessions.get(auth.sid)?.live) {
        return [401, { title: 'Unauthorized', detail: 'Authentication required' }, { 'WWW-Authenticate': token ? `${scheme} error="invalid_token"` : 'Bearer' }];
      }
      if (auth.jkt === null && scheme === 'DPoP') {
        return DPOP_REFUSED('invalid_token', 'The token is not bound to a key');
      }
      if (auth.jkt !== null) {
        if (scheme !== 'DPoP') {
          return DPOP_REFUSED('invalid_token', 'A DPoP-bound token must be sent as DPoP');
        }
        try {
          if (await proofKeyOf(request, pathname, token) !== auth.jkt) {
            return DPOP_REFUSED('invalid_dpop_proof', 'The proof is missing or signed with another key');
          }
        } catch (error) {
          return DPOP_REFUSED('invalid_dpop_proof', error.message);
        }
      }
    }
    if (faults.down?.test(pathname)) {
      return [503, { title: 'Service Unavailable', detail: 'The service is not available' }];
    }
    return found.handler({ request, body, auth, jkt, id: found.id, query: searchParams });
  }

  const server = createServer(async (request, response) => {
    const [status, body, headers = {}] = await handle(request);
    requests.push({ method: request.method, path: request.url, headers: request.headers, status });
    const isProblem = status >= 400;
    const payload = body === undefined ? '' : Buffer.isBuffer(body) ? body : JSON.stringify(isProblem ? { type: 'about:blank', status, instance: request.url.split('?')[0], ...body } : body);
    response.writeHead(status, { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store', ...(body !== undefined && !Buffer.isBuffer(body) ? { 'Content-Type': isProblem ? 'application/problem+json' : 'application/json' } : {}), ...headers });
    response.end(payload);
  });

  return new Promise((resolve) => {
    server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
      url = `http://127.0.0.1:${server.address().port}`;
      resolve({ url, requests, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url } = await startFakeGateway({ accessTokenTtl: Number(process.env.TTL ?? 60) });
  console.log(`fake gateway with the web client at ${url}`);
}
