import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCountdown, parseRetryAfter, refreshDelayMs } from '../../main/resources/META-INF/resources/app/time.js';

describe('countdown formatting', () => {
  it('shows minutes and seconds, and hours when there are any', () => {
    assert.equal(formatCountdown(900), '15:00');
    assert.equal(formatCountdown(61), '1:01');
    assert.equal(formatCountdown(9), '0:09');
    assert.equal(formatCountdown(3725), '1:02:05');
  });

  it('rounds a partial second up so it never shows 0:00 while still valid', () => {
    assert.equal(formatCountdown(0.2), '0:01');
  });

  it('says expired at zero, below zero and for nonsense', () => {
    for (const value of [0, -5, NaN, undefined]) {
      assert.equal(formatCountdown(value), 'expired');
    }
  });
});

describe('refresh timing', () => {
  it('refreshes a 15-minute token a minute before it expires', () => {
    assert.equal(refreshDelayMs(900), 840_000);
  });

  it('refreshes a short-lived token a fifth of its life early', () => {
    assert.equal(refreshDelayMs(10), 8_000);
  });

  it('refreshes at once when the lifetime is missing or invalid', () => {
    assert.equal(refreshDelayMs(undefined), 0);
    assert.equal(refreshDelayMs(-3), 0);
  });
});

describe('Retry-After parsing', () => {
  it('reads delay-seconds', () => {
    assert.equal(parseRetryAfter('30'), 30);
  });

  it('reads an HTTP-date relative to now', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    assert.equal(parseRetryAfter('Sat, 28 Nov 2026 12:00:45 GMT', now), 45);
    assert.equal(parseRetryAfter('Sat, 28 Nov 2026 11:00:00 GMT', now), 0);
  });

  it('ignores absent and invalid values', () => {
    for (const value of [null, undefined, '', 'soon', '-1', '1.5']) {
      assert.equal(parseRetryAfter(value), null, String(value));
    }
  });
});
