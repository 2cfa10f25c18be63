import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, createApiClient } from '../../main/resources/META-INF/resources/app/api.js';
import { createProofSigner } from '../../main/resources/META-INF/resources/app/dpop.js';
import { checkProof } from './dpop-proof-check.js';
import { json, noContent, tokens } from './support.js';

/** A fake gateway: answers from a handler and records every call. */
function fakeGateway(handler) {
  const calls = [];
  const fetch = async (path, init) => {
    const call = { path, method: init.method, headers: { ...init.headers }, body: init.body === undefined ? undefined : JSON.parse(init.body), credentials: init.credentials };
    calls.push(call);
    return handler(call);
  };
  return { fetch, calls };
}

function fakeTimers() {
  let nextId = 1;
  const pending = new Map();
  return {
    pending,
    setTimeout(callback, delay) {
      pending.set(nextId, { callback, delay });
      return nextId++;
    },
    clearTimeout(id) {
      pending.delete(id);
    },
    delays: () => [...pending.values()].map((timer) => timer.delay),
    async fireAll() {
      const due = [...pending.entries()];
      pending.clear();
      for (const [, timer] of due) {
        timer.callback();
      }
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** What auth-service answers in cookie mode: the tokens without the refresh token, which the cookie (state.cookie) holds. */
const cookieMode = (n, tokenType = 'Bearer') => {
  const { refresh_token: _, ...body } = tokens(n);
  return { ...body, token_type: tokenType };
};

/**
 * The auth endpoints of a gateway in cookie mode: state.cookie is the browser's cookie jar,
 * which a script never sees; a refresh needs the delivery header and the current cookie.
 */
function authRoutes(state, call) {
  const delivery = call.headers['X-Refresh-Token-Delivery'];
  if (call.path === '/auth/login') {
    state.cookie = delivery === 'cookie' ? `rt-${state.issued = 1}` : undefined;
    return json(200, cookieMode(1, state.tokenType));
  }
  if (call.path === '/auth/refresh') {
    state.refreshes = (state.refreshes ?? 0) + 1;
    if (delivery !== 'cookie' || call.body !== undefined || state.cookie === undefined || state.cookie !== `rt-${state.issued}`) {
      return json(401, { title: 'Unauthorized', status: 401 });
    }
    state.cookie = `rt-${++state.issued}`;
    return json(200, cookieMode(state.issued, state.tokenType));
  }
  return null;
}

const bearer = (call) => call.headers.Authorization;
const accessTokenOf = (client) => client.session().accessToken;

/** A browser without a DPoP key: every token is a Bearer token. */
const noProofKey = async () => {
  throw new Error('no DPoP key in this test');
};

function setUp(routes, { proofSigner = noProofKey, tokenType = 'Bearer' } = {}) {
  const state = { issued: 0, tokenType };
  const gateway = fakeGateway((call) => authRoutes(state, call) ?? routes(call, state));
  const timers = fakeTimers();
  const changes = [];
  const client = createApiClient({ fetch: gateway.fetch, timers, now: () => 1_000_000, origin: 'https://edge.example', proofSigner, onSessionChange: (session, reason) => changes.push({ session, reason }) });
  return { state, gateway, timers, changes, client };
}

describe('API client', () => {
  it('logs in with a JSON body, asks for the refresh token in the cookie, keeps the access token in memory and schedules a refresh before expiry', async () => {
    const { state, gateway, timers, changes, client } = setUp(() => json(404));
    await client.login('alice', 'correct horse');
    assert.deepEqual(gateway.calls[0].body, { username: 'alice', password: 'correct horse' });
    assert.equal(gateway.calls[0].method, 'POST');
    assert.equal(gateway.calls[0].headers['Content-Type'], 'application/json');
    assert.equal(gateway.calls[0].headers['X-Refresh-Token-Delivery'], 'cookie');
    assert.equal(gateway.calls[0].credentials, 'same-origin');
    assert.equal(bearer(gateway.calls[0]), undefined);
    assert.equal(state.cookie, 'rt-1');
    assert.deepEqual(Object.keys(client.session()).sort(), ['accessToken', 'expiresAt', 'proofKey', 'scope', 'tokenType']);
    assert.equal(client.session().expiresAt, 1_000_000 + 900_000);
    assert.deepEqual(timers.delays(), [840_000]);
    assert.equal(changes.length, 1);
    assert.equal(changes[0].reason, 'login');
    assert.equal(changes[0].session.refreshToken, undefined);
  });

  it('does not start a session when the login is refused', async () => {
    const gateway = fakeGateway(() => json(401, { title: 'Unauthorized', status: 401, detail: 'Invalid credentials' }));
    const changes = [];
    const client = createApiClient({ fetch: gateway.fetch, timers: fakeTimers(), onSessionChange: (...args) => changes.push(args) });
    await assert.rejects(client.login('alice', 'wrong'), (error) => error instanceof ApiError && error.status === 401 && error.problem.detail === 'Invalid credentials');
    assert.equal(client.session(), null);
    assert.deepEqual(changes, []);
  });

  it('sends the access token as a Bearer header and never puts a token in a URL', async () => {
    const { gateway, client } = setUp(() => json(200, { content: [], page: { number: 0, size: 10, totalElements: 0, totalPages: 0 } }));
    await client.login('alice', 'pw');
    await client.listOrders(0, 10);
    const call = gateway.calls[1];
    assert.equal(call.path, '/orders?page=0&size=10');
    assert.equal(bearer(call), `Bearer ${accessTokenOf(client)}`);
    for (const { path } of gateway.calls) {
      assert.doesNotMatch(path, /rt-|token|eyJ/);
    }
  });

  it('refreshes silently from the cookie when the timer fires and schedules the next refresh', async () => {
    const { state, gateway, timers, changes, client } = setUp(() => json(404));
    await client.login('alice', 'pw');
    await timers.fireAll();
    assert.equal(state.refreshes, 1);
    assert.equal(gateway.calls[1].body, undefined);
    assert.equal(gateway.calls[1].headers['X-Refresh-Token-Delivery'], 'cookie');
    assert.equal(gateway.calls[1].credentials, 'same-origin');
    assert.equal(bearer(gateway.calls[1]), undefined);
    assert.equal(state.cookie, 'rt-2');
    assert.equal(accessTokenOf(client), tokens(2).access_token);
    assert.equal(changes.at(-1).reason, 'refresh');
    assert.deepEqual(timers.delays(), [840_000]);
  });

  it('retries a failed silent refresh later while the session lasts', async () => {
    let refreshAnswer = json(503, { title: 'Service Unavailable', status: 503 });
    const state = { issued: 0 };
    const gateway = fakeGateway((call) => (call.path === '/auth/refresh' ? refreshAnswer : authRoutes(state, call)));
    const timers = fakeTimers();
    const client = createApiClient({ fetch: gateway.fetch, timers });
    await client.login('alice', 'pw');
    await timers.fireAll();
    assert.notEqual(client.session(), null);
    assert.deepEqual(timers.delays(), [15_000]);
    refreshAnswer = json(200, cookieMode(2));
    await timers.fireAll();
    assert.equal(accessTokenOf(client), tokens(2).access_token);
  });

  it('refreshes once on a 401 and retries the request once with the new token', async () => {
    const { state, gateway, client } = setUp((call) => (bearer(call) === `Bearer ${tokens(2).access_token}` ? json(200, { userId: 'u1' }, { ETag: '"v1"' }) : json(401)));
    await client.login('alice', 'pw');
    const { profile, etag } = await client.getProfile();
    assert.deepEqual(profile, { userId: 'u1' });
    assert.equal(etag, '"v1"');
    assert.equal(state.refreshes, 1);
    assert.deepEqual(gateway.calls.map((call) => call.path), ['/auth/login', '/profiles/me', '/auth/refresh', '/profiles/me']);
  });

  it('ends the session when the retried request is still unauthorized', async () => {
    const { gateway, changes, client } = setUp(() => json(401, { title: 'Unauthorized', status: 401 }));
    await client.login('alice', 'pw');
    await assert.rejects(client.listSessions(), (error) => error.status === 401);
    assert.equal(client.session(), null);
    assert.equal(changes.at(-1).reason, 'expired');
    assert.equal(gateway.calls.filter((call) => call.path === '/auth/sessions').length, 2);
  });

  it('ends the session without retrying when the refresh token is refused', async () => {
    const { state, gateway, changes, client } = setUp(() => json(401));
    await client.login('alice', 'pw');
    state.issued = 99; // the family was revoked: rt-1 is no longer accepted
    await assert.rejects(client.listSessions(), (error) => error.status === 401);
    assert.equal(client.session(), null);
    assert.equal(changes.at(-1).reason, 'expired');
    assert.deepEqual(gateway.calls.map((call) => call.path), ['/auth/login', '/auth/sessions', '/auth/refresh']);
  });

  it('keeps the session when the refresh fails for a transient reason and reports that reason', async () => {
    const state = { issued: 0 };
    const gateway = fakeGateway((call) => (call.path === '/auth/refresh' ? json(503, { title: 'Service Unavailable', status: 503 }) : authRoutes(state, call) ?? json(401)));
    const client = createApiClient({ fetch: gateway.fetch, timers: fakeTimers() });
    await client.login('alice', 'pw');
    await assert.rejects(client.listSessions(), (error) => error.status === 503);
    assert.notEqual(client.session(), null);
  });

  it('shares one refresh between concurrent requests that get 401, because a refresh token works only once', async () => {
    const { state, client } = setUp((call) => (bearer(call) === `Bearer ${tokens(2).access_token}` ? json(200, []) : json(401)));
    await client.login('alice', 'pw');
    const results = await Promise.all([client.listSessions(), client.listSessions(), client.listSessions()]);
    assert.deepEqual(results, [[], [], []]);
    assert.equal(state.refreshes, 1);
  });

  it('retries without refreshing again when another request already refreshed the token', async () => {
    let releaseSlow;
    const slow = new Promise((resolve) => {
      releaseSlow = resolve;
    });
    const { state, client } = setUp(async (call) => {
      if (bearer(call) === `Bearer ${tokens(2).access_token}`) {
        return json(200, []);
      }
      if (call.path === '/auth/sessions') {
        await slow;
      }
      return json(401);
    });
    await client.login('alice', 'pw');
    const slowRequest = client.listSessions();
    await client.listOrders(0, 10).catch(() => {});
    assert.equal(state.refreshes, 1);
    releaseSlow();
    assert.deepEqual(await slowRequest, []);
    assert.equal(state.refreshes, 1);
  });

  it('turns a network failure into status 0', async () => {
    const client = createApiClient({ fetch: async () => { throw new TypeError('Failed to fetch'); }, timers: fakeTimers() });
    await assert.rejects(client.login('alice', 'pw'), (error) => error instanceof ApiError && error.status === 0 && error.cause instanceof TypeError);
  });

  it('carries the problem body and Retry-After of an error', async () => {
    const gateway = fakeGateway(() => json(429, { title: 'Too Many Requests', status: 429, detail: 'Slow down' }, { 'Retry-After': '17' }));
    const client = createApiClient({ fetch: gateway.fetch, timers: fakeTimers() });
    await assert.rejects(client.login('alice', 'pw'), (error) => error.status === 429 && error.retryAfter === 17 && error.problem.detail === 'Slow down');
  });

  it('ignores an error body that is not JSON', async () => {
    const client = createApiClient({ fetch: async () => new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }), timers: fakeTimers() });
    await assert.rejects(client.login('alice', 'pw'), (error) => error.status === 502 && error.problem === null);
  });

  it('sends the Idempotency-Key with the order and the same key and body again on the retry after a refresh', async () => {
    const { gateway, client } = setUp((call) => (bearer(call) === `Bearer ${tokens(2).access_token}` ? json(201, { id: 'o1' }) : json(401)));
    await client.login('alice', 'pw');
    const order = { items: [{ sku: 'ABC-1', quantity: 2, unitPrice: '9.99' }], currency: 'EUR' };
    assert.deepEqual(await client.createOrder(order, 'key-1'), { id: 'o1' });
    const posts = gateway.calls.filter((call) => call.path === '/orders');
    assert.equal(posts.length, 2);
    for (const post of posts) {
      assert.equal(post.headers['Idempotency-Key'], 'key-1');
      assert.deepEqual(post.body, order);
    }
  });

  it('saves the profile with If-Match and returns the new ETag', async () => {
    const { gateway, client } = setUp(() => json(200, { displayName: 'A' }, { ETag: '"v2"' }));
    await client.login('alice', 'pw');
    const { etag } = await client.saveProfile({ displayName: 'A', email: null, bio: null }, '"v1"');
    assert.equal(gateway.calls[1].method, 'PUT');
    assert.equal(gateway.calls[1].headers['If-Match'], '"v1"');
    assert.equal(etag, '"v2"');
  });

  it('reports a stale profile version as 412', async () => {
    const { client } = setUp(() => json(412, { title: 'Precondition Failed', status: 412 }));
    await client.login('alice', 'pw');
    await assert.rejects(client.saveProfile({}, '"old"'), (error) => error.status === 412);
    assert.notEqual(client.session(), null);
  });

  it('encodes ids in paths', async () => {
    const { gateway, client } = setUp(() => noContent());
    await client.login('alice', 'pw');
    await client.revokeSession('../admin?x=1');
    await client.cancelOrder('a/b');
    assert.equal(gateway.calls[1].path, '/auth/sessions/..%2Fadmin%3Fx%3D1');
    assert.equal(gateway.calls[1].method, 'DELETE');
    assert.equal(gateway.calls[2].path, '/orders/a%2Fb/cancel');
  });

  it('logs out with the access token and no body, and forgets the session and its refresh timer', async () => {
    const { gateway, timers, changes, client } = setUp(() => noContent());
    await client.login('alice', 'pw');
    const accessToken = accessTokenOf(client);
    await client.logout();
    const call = gateway.calls[1];
    assert.equal(call.path, '/auth/logout');
    assert.equal(bearer(call), `Bearer ${accessToken}`);
    assert.equal(call.body, undefined);
    assert.equal(client.session(), null);
    assert.equal(timers.pending.size, 0);
    assert.equal(changes.at(-1).reason, 'logout');
  });

  it('refreshes and retries the logout when its access token was refused', async () => {
    const { gateway, client } = setUp((call) => (bearer(call) === `Bearer ${tokens(2).access_token}` ? noContent() : json(401)));
    await client.login('alice', 'pw');
    await client.logout();
    assert.deepEqual(gateway.calls.map((call) => call.path), ['/auth/login', '/auth/logout', '/auth/refresh', '/auth/logout']);
    assert.equal(bearer(gateway.calls.at(-1)), `Bearer ${tokens(2).access_token}`);
    assert.equal(client.session(), null);
  });

  it('forgets the session locally even when the server cannot be told', async () => {
    const { client } = setUp(() => json(503, { title: 'Service Unavailable', status: 503 }));
    await client.login('alice', 'pw');
    await assert.rejects(client.logoutAll(), (error) => error.status === 503);
    assert.equal(client.session(), null);
  });

  it('signs out everywhere through logout-all', async () => {
    const { gateway, client } = setUp(() => noContent());
    await client.login('alice', 'pw');
    await client.logoutAll();
    assert.equal(gateway.calls[1].path, '/auth/logout-all');
    assert.equal(client.session(), null);
  });

  it('resumes a session from the cookie on load with one silent refresh', async () => {
    const { state, gateway, timers, changes, client } = setUp(() => json(404));
    state.cookie = 'rt-5';
    state.issued = 5;
    assert.equal(await client.resume(), true);
    assert.deepEqual(gateway.calls.map((call) => call.path), ['/auth/refresh']);
    assert.equal(gateway.calls[0].body, undefined);
    assert.equal(gateway.calls[0].headers['X-Refresh-Token-Delivery'], 'cookie');
    assert.equal(accessTokenOf(client), tokens(6).access_token);
    assert.equal(changes.length, 1);
    assert.equal(changes[0].reason, 'resume');
    assert.deepEqual(Object.keys(client.session()).sort(), ['accessToken', 'expiresAt', 'proofKey', 'scope', 'tokenType']);
    assert.deepEqual(timers.delays(), [840_000]);
    assert.equal(await client.resume(), true);
    assert.equal(gateway.calls.length, 1);
  });

  it('stays signed out without a word when there is no live cookie', async () => {
    const { gateway, changes, client } = setUp(() => json(404));
    assert.equal(await client.resume(), false);
    assert.equal(client.session(), null);
    assert.deepEqual(changes, []);
    assert.equal(gateway.calls.length, 1);
    await assert.rejects(client.refresh(), (error) => error.status === 401);
    assert.equal(gateway.calls.length, 1);
  });

  it('stays signed out when the server cannot be reached on load', async () => {
    const client = createApiClient({ fetch: async () => { throw new TypeError('Failed to fetch'); }, timers: fakeTimers() });
    assert.equal(await client.resume(), false);
    assert.equal(client.session(), null);
  });

  it('refreshes inside a lock shared by the tabs, because they share the cookie', async () => {
    const held = [];
    let inside = false;
    const locks = {
      async request(name, work) {
        held.push(name);
        inside = true;
        try {
          return await work();
        } finally {
          inside = false;
        }
      },
    };
    const state = { issued: 0 };
    const refreshedInside = [];
    const gateway = fakeGateway((call) => {
      if (call.path === '/auth/refresh') {
        refreshedInside.push(inside);
      }
      return authRoutes(state, call);
    });
    const timers = fakeTimers();
    const client = createApiClient({ fetch: gateway.fetch, timers, locks });
    await client.login('alice', 'pw');
    await timers.fireAll();
    assert.deepEqual(held, ['edgepass-refresh']);
    assert.deepEqual(refreshedInside, [true]);
    assert.equal(accessTokenOf(client), tokens(2).access_token);
  });

  it('never holds a refresh token, even one sent in the body', async () => {
    const gateway = fakeGateway(() => json(200, tokens(1)));
    const changes = [];
    const client = createApiClient({ fetch: gateway.fetch, timers: fakeTimers(), onSessionChange: (session) => changes.push(session) });
    await client.login('alice', 'pw');
    assert.doesNotMatch(JSON.stringify([client.session(), changes]), /rt-1/);
  });

  it('refuses authorized calls without a session without calling the server', async () => {
    const { gateway, client } = setUp(() => json(200, {}));
    await assert.rejects(client.listOrders(0, 10), (error) => error.status === 401);
    assert.equal(gateway.calls.length, 0);
  });
});

describe('API client with a DPoP key', () => {
  const ORIGIN = 'https://edge.example';
  const signerOf = async () => createProofSigner(await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']));
  const list = () => json(200, { content: [], page: { number: 0, size: 10, totalElements: 0, totalPages: 0 } });

  it('logs in with a proof for the login URL that has no ath and binds nothing else', async () => {
    const signer = await signerOf();
    const { gateway, client } = setUp(list, { proofSigner: async () => signer, tokenType: 'DPoP' });
    await client.login('alice', 'pw');
    const login = gateway.calls[0];
    assert.equal(await checkProof(login.headers.DPoP, { method: 'POST', url: `${ORIGIN}/auth/login`, seen: new Set() }), signer.thumbprint);
    assert.equal(bearer(login), undefined);
    assert.equal(client.session().tokenType, 'DPoP');
    assert.deepEqual(client.session().proofKey, { thumbprint: signer.thumbprint, problem: null });
  });

  it('sends a DPoP token as Authorization: DPoP with a proof of the method, the URL without query and the token\'s hash', async () => {
    const signer = await signerOf();
    const { gateway, client } = setUp(list, { proofSigner: async () => signer, tokenType: 'DPoP' });
    await client.login('alice', 'pw');
    await client.listOrders(0, 10);
    await client.cancelOrder('o1');
    const seen = new Set();
    const [, orders, cancel] = gateway.calls;
    assert.equal(orders.headers.Authorization, `DPoP ${accessTokenOf(client)}`);
    assert.equal(await checkProof(orders.headers.DPoP, { method: 'GET', url: `${ORIGIN}/orders`, accessToken: accessTokenOf(client), seen }), signer.thumbprint);
    assert.equal(await checkProof(cancel.headers.DPoP, { method: 'POST', url: `${ORIGIN}/orders/o1/cancel`, accessToken: accessTokenOf(client), seen }), signer.thumbprint);
  });

  it('sends a new proof for the refresh and for the retry after it, with the new token\'s hash', async () => {
    const signer = await signerOf();
    const { gateway, client } = setUp((call) => (call.headers.Authorization === `DPoP ${tokens(2).access_token}` ? json(200, []) : json(401)), { proofSigner: async () => signer, tokenType: 'DPoP' });
    await client.login('alice', 'pw');
    assert.deepEqual(await client.listSessions(), []);
    assert.deepEqual(gateway.calls.map((call) => call.path), ['/auth/login', '/auth/sessions', '/auth/refresh', '/auth/sessions']);
    const seen = new Set();
    const [login, first, refresh, retry] = gateway.calls;
    await checkProof(login.headers.DPoP, { method: 'POST', url: `${ORIGIN}/auth/login`, seen });
    await checkProof(first.headers.DPoP, { method: 'GET', url: `${ORIGIN}/auth/sessions`, accessToken: tokens(1).access_token, seen });
    await checkProof(refresh.headers.DPoP, { method: 'POST', url: `${ORIGIN}/auth/refresh`, seen });
    await checkProof(retry.headers.DPoP, { method: 'GET', url: `${ORIGIN}/auth/sessions`, accessToken: tokens(2).access_token, seen });
    assert.equal(seen.size, 4);
  });

  it('sends a Bearer token as Bearer without a proof, though it logged in with one', async () => {
    const { gateway, client } = setUp(list, { proofSigner: signerOf, tokenType: 'Bearer' });
    await client.login('alice', 'pw');
    await client.listOrders(0, 10);
    assert.equal(typeof gateway.calls[0].headers.DPoP, 'string');
    assert.equal(bearer(gateway.calls[1]), `Bearer ${accessTokenOf(client)}`);
    assert.equal(gateway.calls[1].headers.DPoP, undefined);
    assert.equal(client.session().tokenType, 'Bearer');
  });

  it('falls back to Bearer without a proof and says why when the browser cannot keep a key', async () => {
    const { gateway, client } = setUp(list, { proofSigner: async () => { throw new Error('IndexedDB is unavailable here'); } });
    await client.login('alice', 'pw');
    await client.listOrders(0, 10);
    assert.equal(gateway.calls[0].headers.DPoP, undefined);
    assert.equal(bearer(gateway.calls[1]), `Bearer ${accessTokenOf(client)}`);
    assert.equal(gateway.calls[1].headers.DPoP, undefined);
    assert.deepEqual(client.session().proofKey, { thumbprint: null, problem: 'IndexedDB is unavailable here' });
  });

  it('falls back to Bearer by default where there is no IndexedDB, as in Node', async () => {
    const gateway = fakeGateway(() => json(200, cookieMode(1)));
    const client = createApiClient({ fetch: gateway.fetch, timers: fakeTimers(), origin: ORIGIN });
    await client.login('alice', 'pw');
    assert.equal(gateway.calls[0].headers.DPoP, undefined);
    assert.deepEqual(client.session().proofKey, { thumbprint: null, problem: 'IndexedDB is unavailable here' });
  });

  it('loads the key once for all requests', async () => {
    let loads = 0;
    const signer = await signerOf();
    const { client } = setUp(list, { proofSigner: async () => { loads += 1; return signer; }, tokenType: 'DPoP' });
    await client.login('alice', 'pw');
    await Promise.all([client.listOrders(0, 10), client.listOrders(1, 10)]);
    assert.equal(loads, 1);
  });
});
