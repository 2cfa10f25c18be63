// Turning the contract's errors (RFC 9457 problem+json) into messages a person can act on.
// Server text (title, detail, field messages) is only ever shown as text, never as markup.

const DEFAULTS = {
  0: ['Network error', 'The server could not be reached. Check your connection and try again.'],
  400: ['Invalid input', 'Some fields are not valid.'],
  401: ['Not signed in', 'Your session has ended or was revoked. Please log in again.'],
  403: ['Not allowed', 'Your account does not have the permission this needs.'],
  404: ['Not found', 'It does not exist or is not yours.'],
  409: ['Conflict', 'The request conflicts with the current state.'],
  412: ['Changed elsewhere', 'This was changed since you loaded it.'],
  413: ['Too large', 'The request is too large.'],
  415: ['Unsupported', 'The request format is not supported.'],
  422: ['Cannot process', 'The request could not be processed.'],
  429: ['Too many requests', 'Too many attempts.'],
  503: ['Service unavailable', 'A service is temporarily unavailable.'],
  504: ['Service timed out', 'A service took too long to answer.'],
};

// What the person can do about it, per status, and where an action gives a status its own meaning.
const ADVICE = {
  0: 'Try again.',
  401: 'Please log in again.',
  429: 'Please wait before trying again.',
  503: 'Please try again shortly.',
  504: 'Please try again.',
};
const ADVICE_BY_ACTION = {
  login: { 401: 'Check the username and password. Locked or disabled accounts get the same answer.' },
  register: { 409: 'That username is taken: choose another one.' },
  'create-order': {
    0: 'Retrying is safe: it reuses the same idempotency key, so the order is not created twice.',
    409: 'This order is still being processed. Retry in a moment: it will not create a duplicate.',
    422: 'This idempotency key was already used for a different order. Submit again as a new order.',
    503: 'Retrying is safe: it reuses the same idempotency key, so the order is not created twice.',
    504: 'The order may or may not exist. Retrying is safe: it reuses the same idempotency key.',
  },
  'cancel-order': { 409: 'This order can no longer be cancelled.' },
  'save-profile': { 412: 'Reload to see the latest version, then make your changes again.' },
};

const text = (value) => (typeof value === 'string' && value.trim() !== '' ? value : null);

/**
 * Builds { title, detail, advice, fields, retryAfter } for a failed request: the problem body's
 * title and detail where present, otherwise defaults for the status, plus advice for the action.
 */
export function describeProblem({ status, problem, retryAfter = null }, action = '') {
  const [defaultTitle, defaultDetail] = DEFAULTS[status]
    ?? (status >= 500 ? ['Server error', 'Something went wrong on the server.'] : ['Request failed', `The request failed (HTTP ${status}).`]);
  const body = problem !== null && typeof problem === 'object' ? problem : {};
  let advice = ADVICE_BY_ACTION[action]?.[status] ?? ADVICE[status] ?? null;
  if (status === 429 && Number.isInteger(retryAfter)) {
    advice = `Try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`;
  }
  const fields = Array.isArray(body.errors)
    ? body.errors
      .filter((error) => error !== null && typeof error === 'object')
      .map((error) => ({ field: String(error.field ?? ''), message: String(error.message ?? '') }))
    : [];
  return {
    title: text(body.title) ?? defaultTitle,
    detail: text(body.detail) ?? defaultDetail,
    advice,
    fields,
    retryAfter: status === 429 ? retryAfter : null,
  };
}
