/** Formats a number of seconds left as "h:mm:ss" or "m:ss"; "expired" at or below zero. */
export function formatCountdown(seconds) {
  if (!Number.isFinite(seconds) || seconds <= 0) {
    return 'expired';
  }
  const total = Math.ceil(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * How long to wait before refreshing a token that lives expiresIn seconds: a fifth of its life
 * early, at most a minute, so a 15-minute token is refreshed after 14 minutes.
 */
export function refreshDelayMs(expiresIn) {
  const life = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 0;
  const lead = Math.min(60, life / 5);
  return Math.max(0, Math.round((life - lead) * 1000));
}

/** Parses Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; null when absent or invalid. */
export function parseRetryAfter(value, nowMs = Date.now()) {
  if (value == null || value === '') {
    return null;
  }
  const text = String(value).trim();
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  // Every HTTP-date form (RFC 9110 §5.6.7) starts with a day name.
  const date = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - nowMs) / 1000));
}
