// The API client. The access token lives only in this closure, never in storage or URLs; the
// refresh token never reaches script at all: the server keeps it in an HttpOnly cookie, which
// is how a reload stays signed in (see README.md for why). Where the browser can keep a DPoP
// key, every login and refresh carries a proof, and so does every request with a token bound to it.
import { loadKeyPair } from './dpop-keys.js';
import { createProofSigner, targetUri } from './dpop.js';
import { parseRetryAfter, refreshDelayMs } from './time.js';

/** A failed request: status 0 for a network failure; problem is the problem+json body, if any. */
export class ApiError extends Error {
  constructor(status, problem = null, retryAfter = null, options = undefined) {
    super(typeof problem?.title === 'string' ? problem.title : status === 0 ? 'Network error' : `HTTP ${status}`, options);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

const RETRY_FAILED_REFRESH_MS = 15_000;

/** Asks auth-service for the refresh token in the cookie; the custom header is also its CSRF barrier. */
const COOKIE_DELIVERY = { 'X-Refresh-Token-Delivery': 'cookie' };

async function readBody(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (response.status === 204 || !/[/+]json\b/i.test(type)) {
    return null;
  }
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** This browser's proof signer, from the key pair kept in IndexedDB. */
const browserProofSigner = async () => createProofSigner(await loadKeyPair());

/**
 * Creates a client for the gateway at the page's origin. fetch, now, timers, locks (the Web
 * Locks API), origin (what proofs' htu start with) and proofSigner (resolving to a signer from
 * dpop.js; when it fails, tokens stay Bearer tokens) are injectable for tests;
 * onSessionChange(session|null, reason) is told of every login, resume, refresh and logout.
 */
export function createApiClient({
  fetch = (...args) => globalThis.fetch(...args),
  now = () => Date.now(),
  timers = { setTimeout: (...args) => globalThis.setTimeout(...args), clearTimeout: (id) => globalThis.clearTimeout(id) },
  locks = globalThis.navigator?.locks ?? null,
  origin = globalThis.location?.origin,
  proofSigner = browserProofSigner,
  onSessionChange = () => {},
} = {}) {
  let session = null;
  let refreshInFlight = null;
  let refreshTimer = null;
  let proofKey = null;

  /** The signer, or null with the reason: loaded once, before the first request. */
  function loadProofKey() {
    proofKey ??= Promise.resolve().then(proofSigner).then(
      (signer) => ({ signer, problem: null }),
      (error) => ({ signer: null, problem: error?.message || String(error) }));
    return proofKey;
  }

  const publicView = () => (session === null ? null : {
    accessToken: session.accessToken,
    tokenType: session.tokenType,
    expiresAt: session.expiresAt,
    scope: session.scope,
    proofKey: session.proofKey,
  });

  function scheduleRefresh(delayMs) {
    timers.clearTimeout(refreshTimer);
    const scheduledFor = session;
    refreshTimer = timers.setTimeout(() => {
      refresh().catch((error) => {
        if (session === scheduledFor && error.status !== 401) {
          scheduleRefresh(RETRY_FAILED_REFRESH_MS);
        }
      });
    }, delayMs);
  }

  function startSession(tokens, reason, { signer, problem }) {
    if (typeof tokens?.access_token !== 'string') {
      throw new ApiError(502, { title: 'Unexpected answer', detail: 'The server did not return tokens.' });
    }
    const expiresIn = Number(tokens.expires_in);
    session = {
      accessToken: tokens.access_token,
      // RFC 9449 §5: the token type says how to present the token; Bearer unless it is DPoP.
      tokenType: signer !== null && String(tokens.token_type).toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer',
      expiresAt: now() + expiresIn * 1000,
      scope: typeof tokens.scope === 'string' ? tokens.scope : '',
      proofKey: { thumbprint: signer?.thumbprint ?? null, problem },
    };
    scheduleRefresh(refreshDelayMs(expiresIn));
    onSessionChange(publicView(), reason);
  }

  function endSession(reason) {
    if (session === null) {
      return;
    }
    timers.clearTimeout(refreshTimer);
    refreshTimer = null;
    session = null;
    onSessionChange(null, reason);
  }

  /**
   * Sends one request. proof: whether to add a DPoP proof (with ath when a DPoP token is sent);
   * a proof is made per request, so a retry gets a fresh jti and iat.
   */
  async function send(path, { method = 'GET', body, headers = {}, token = null, tokenType = 'Bearer', proof = false }) {
    const { signer } = await loadProofKey();
    const init = {
      method,
      headers: { Accept: 'application/json, application/problem+json', ...headers },
      credentials: 'same-origin',
      cache: 'no-store',
    };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const dpop = signer !== null && (token === null ? proof : tokenType === 'DPoP');
    if (token !== null) {
      init.headers.Authorization = `${dpop ? 'DPoP' : 'Bearer'} ${token}`;
    }
    if (dpop) {
      init.headers.DPoP = await signer.proof(method, targetUri(path, origin), token);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (cause) {
      throw new ApiError(0, null, null, { cause });
    }
    return { status: response.status, headers: response.headers, data: await readBody(response) };
  }

  function check(result) {
    if (result.status >= 200 && result.status < 300) {
      return result;
    }
    throw new ApiError(result.status, result.data, parseRetryAfter(result.headers.get('Retry-After'), now()));
  }

  // CAUTION: refresh tokens are one-time use and replaying one revokes the whole session, so
  // concurrent callers must share a single refresh request, and so must the tabs sharing the
  // cookie: a lock held across tabs makes each send the cookie the previous one set.
  function refresh(resuming = false) {
    refreshInFlight ??= rotate(resuming).finally(() => {
      refreshInFlight = null;
    });
    return refreshInFlight;
  }

  async function rotate(resuming) {
    const current = session;
    if (current === null && !resuming) {
      throw new ApiError(401);
    }
    const exchange = () => send('/auth/refresh', { method: 'POST', headers: COOKIE_DELIVERY, proof: true });
    const result = await (locks === null ? exchange() : locks.request('edgepass-refresh', exchange));
    const key = await loadProofKey();
    if (session !== current) {
      throw new ApiError(401);
    }
    if (result.status === 200) {
      startSession(result.data, current === null ? 'resume' : 'refresh', key);
      return;
    }
    if (result.status === 400 || result.status === 401) {
      endSession('expired');
    }
    check(result);
  }

  /** Sends with the access token; on a 401 refreshes once and retries once. body may be a function, evaluated per attempt. */
  async function authorized(path, options = {}) {
    if (session === null) {
      throw new ApiError(401);
    }
    const attempt = () => send(path, {
      ...options,
      body: typeof options.body === 'function' ? options.body() : options.body,
      token: session.accessToken,
      tokenType: session.tokenType,
    });
    const usedToken = session.accessToken;
    let result = await attempt();
    if (result.status === 401) {
      if (session?.accessToken === usedToken) {
        await refresh();
      }
      if (session === null) {
        throw new ApiError(401, result.data);
      }
      result = await attempt();
      if (result.status === 401) {
        endSession('expired');
      }
    }
    return check(result);
  }

  async function endRemotely(path, reason) {
    if (session === null) {
      return;
    }
    try {
      await authorized(path, { method: 'POST' });
    } finally {
      endSession(reason);
    }
  }

  return {
    session: publicView,
    refresh: () => refresh(),

    /**
     * One silent refresh from the cookie, for a page that just loaded. Resolves to whether a
     * session was resumed; without a live cookie the user simply is not signed in.
     */
    async resume() {
      if (session !== null) {
        return true;
      }
      try {
        await refresh(true);
      } catch {
        return false;
      }
      return session !== null;
    },

    async register(fields) {
      return check(await send('/auth/register', { method: 'POST', body: fields })).data;
    },
    async login(username, password) {
      const result = check(await send('/auth/login', { method: 'POST', body: { username, password }, headers: COOKIE_DELIVERY, proof: true }));
      startSession(result.data, 'login', await loadProofKey());
    },
    /** The server revokes the session and clears the cookie; the page forgets the access token. */
    logout: () => endRemotely('/auth/logout', 'logout'),
    logoutAll: () => endRemotely('/auth/logout-all', 'logout'),

    async listOrders(page, size) {
      return (await authorized(`/orders?page=${encodeURIComponent(page)}&size=${encodeURIComponent(size)}`)).data;
    },
    async createOrder(order, idempotencyKey) {
      return (await authorized('/orders', { method: 'POST', body: order, headers: { 'Idempotency-Key': idempotencyKey } })).data;
    },
    async cancelOrder(id) {
      return (await authorized(`/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST' })).data;
    },
    async getProfile() {
      const result = await authorized('/profiles/me');
      return { profile: result.data, etag: result.headers.get('ETag') };
    },
    async saveProfile(fields, etag) {
      const headers = etag ? { 'If-Match': etag } : {};
      const result = await authorized('/profiles/me', { method: 'PUT', body: fields, headers });
      return { profile: result.data, etag: result.headers.get('ETag') };
    },
    async listSessions() {
      return (await authorized('/auth/sessions')).data;
    },
    async revokeSession(id) {
      await authorized(`/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
    },
  };
}
