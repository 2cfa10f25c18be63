/** A random UUID v4 (RFC 9562) from crypto.getRandomValues, which unlike randomUUID also exists outside secure contexts. */
export function newIdempotencyKey(crypto = globalThis.crypto) {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One Idempotency-Key per submission: the same body gets the same key until the submission is
 * settled, so a retry after a timeout or outage cannot create a second order; a changed body gets a new key.
 */
export function createSubmission(newKey = newIdempotencyKey) {
  let pending = null;
  return {
    keyFor(body) {
      const fingerprint = JSON.stringify(body);
      if (pending === null || pending.fingerprint !== fingerprint) {
        pending = { key: newKey(), fingerprint };
      }
      return pending.key;
    },
    /** Forgets the key unless the outcome is unknown or transient (then the retry must reuse it). */
    settle(status) {
      const retryable = status === 0 || status === 401 || status === 409 || status === 429 || status >= 500;
      if (!retryable) {
        pending = null;
      }
    },
    get pendingKey() {
      return pending?.key ?? null;
    },
  };
}
