// The API client. Tokens live only in this closure: never in storage, cookies or URLs, so a
// reload means logging in again (see README.md for why).
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

/**
 * Creates a client for the gateway at the page's origin. fetch, now and timers are injectable
 * for tests; onSessionChange(session|null, reason) is told of every login, refresh and logout.
 */
export function createApiClient({
  fetch = (...args) => globalThis.fetch(...args),
  now = () => Date.now(),
  timers = { setTimeout: (...args) => globalThis.setTimeout(...args), clearTimeout: (id) => globalThis.clearTimeout(id) },
  onSessionChange = () => {},
} = {}) {
  let session = null;
  let refreshInFlight = null;
  let refreshTimer = null;

  const publicView = () => (session === null ? null : {
    accessToken: session.accessToken,
    expiresAt: session.expiresAt,
    scope: session.scope,
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

  function startSession(tokens, reason) {
    if (typeof tokens?.access_token !== 'string' || typeof tokens?.refresh_token !== 'string') {
      throw new ApiError(502, { title: 'Unexpected answer', detail: 'The server did not return tokens.' });
    }
    const expiresIn = Number(tokens.expires_in);
    session = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: now() + expiresIn * 1000,
      scope: typeof tokens.scope === 'string' ? tokens.scope : '',
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

  async function send(path, { method = 'GET', body, headers = {}, token = null, keepalive = false }) {
    const init = {
      method,
      headers: { Accept: 'application/json, application/problem+json', ...headers },
      credentials: 'same-origin',
      cache: 'no-store',
      keepalive,
    };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (token !== null) {
      init.headers.Authorization = `Bearer ${token}`;
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
  // concurrent callers must share a single refresh request.
  function refresh() {
    refreshInFlight ??= rotate().finally(() => {
      refreshInFlight = null;
    });
    return refreshInFlight;
  }

  async function rotate() {
    const current = session;
    if (current === null) {
      throw new ApiError(401);
    }
    const result = await send('/auth/refresh', { method: 'POST', body: { refresh_token: current.refreshToken } });
    if (session !== current) {
      throw new ApiError(401);
    }
    if (result.status === 200) {
      startSession(result.data, 'refresh');
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
      await authorized(path, { method: 'POST', body: () => ({ refresh_token: session.refreshToken }) });
    } finally {
      endSession(reason);
    }
  }

  return {
    session: publicView,
    refresh,

    async register(fields) {
      return check(await send('/auth/register', { method: 'POST', body: fields })).data;
    },
    async login(username, password) {
      startSession(check(await send('/auth/login', { method: 'POST', body: { username, password } })).data, 'login');
    },
    logout: () => endRemotely('/auth/logout', 'logout'),
    logoutAll: () => endRemotely('/auth/logout-all', 'logout'),

    /** Ends the session as the page goes away: the tokens die with the page, so revoke them too. */
    abandon() {
      if (session !== null) {
        send('/auth/logout', { method: 'POST', body: { refresh_token: session.refreshToken }, token: session.accessToken, keepalive: true })
          .catch(() => {});
        endSession('unload');
      }
    },

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
