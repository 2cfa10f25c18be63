import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSubmission, newIdempotencyKey } from '../../main/resources/META-INF/resources/app/idempotency.js';

const order = (quantity) => ({ items: [{ sku: 'ABC-1', quantity, unitPrice: '9.99' }], currency: 'EUR' });

describe('idempotency keys', () => {
  it('are random UUID v4 strings', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newIdempotencyKey()));
    assert.equal(keys.size, 200);
    for (const key of keys) {
      assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('are reused when the same order is retried after a timeout, an outage, a conflict or a lost connection', () => {
    for (const status of [0, 409, 429, 503, 504]) {
      const submission = createSubmission();
      const key = submission.keyFor(order(1));
      submission.settle(status);
      assert.equal(submission.keyFor(order(1)), key, String(status));
    }
  });

  it('change when the order changes', () => {
    const submission = createSubmission();
    const key = submission.keyFor(order(1));
    submission.settle(504);
    assert.notEqual(submission.keyFor(order(2)), key);
  });

  it('are not reused after the order was created or definitively refused', () => {
    for (const status of [201, 400, 403, 422]) {
      const submission = createSubmission();
      const key = submission.keyFor(order(1));
      submission.settle(status);
      assert.equal(submission.pendingKey, null, String(status));
      assert.notEqual(submission.keyFor(order(1)), key, String(status));
    }
  });
});
