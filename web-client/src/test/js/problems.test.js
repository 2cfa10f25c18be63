import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeProblem } from '../../main/resources/META-INF/resources/app/problems.js';

const problem = (status, title, detail, extra = {}) => ({ type: 'https://edgepass.io/problems/x', title, status, detail, instance: '/x', ...extra });

describe('problem messages', () => {
  it('uses the problem title and detail when the server sends them', () => {
    const message = describeProblem({ status: 403, problem: problem(403, 'Forbidden', 'Missing scope orders:write') });
    assert.equal(message.title, 'Forbidden');
    assert.equal(message.detail, 'Missing scope orders:write');
  });

  it('falls back to a message for every status the contract defines when there is no problem body', () => {
    for (const status of [0, 400, 401, 403, 404, 409, 412, 422, 429, 503, 504]) {
      const message = describeProblem({ status, problem: null });
      assert.ok(message.title.length > 0 && message.detail.length > 0, String(status));
      assert.doesNotMatch(message.detail, /undefined|null/);
    }
    assert.match(describeProblem({ status: 502 }).title, /Server error/);
    assert.match(describeProblem({ status: 418 }).detail, /HTTP 418/);
  });

  it('ignores blank or non-string title and detail', () => {
    const message = describeProblem({ status: 503, problem: { title: ' ', detail: 42 } });
    assert.equal(message.title, 'Service unavailable');
    assert.equal(message.detail, 'A service is temporarily unavailable.');
  });

  it('tells how long to wait on 429 from Retry-After', () => {
    assert.equal(describeProblem({ status: 429, problem: problem(429, 'Too Many Requests', 'Slow down'), retryAfter: 30 }).advice, 'Try again in 30 seconds.');
    assert.equal(describeProblem({ status: 429, retryAfter: 1 }).advice, 'Try again in 1 second.');
    assert.equal(describeProblem({ status: 429, retryAfter: 1 }).retryAfter, 1);
    assert.match(describeProblem({ status: 429 }).advice, /wait/);
  });

  it('gives advice specific to the action', () => {
    assert.match(describeProblem({ status: 401 }, 'login').advice, /username and password/);
    assert.match(describeProblem({ status: 401 }, 'list-orders').advice, /log in again/);
    assert.match(describeProblem({ status: 409 }, 'register').advice, /taken/);
    assert.match(describeProblem({ status: 409 }, 'create-order').advice, /still being processed/);
    assert.match(describeProblem({ status: 409 }, 'cancel-order').advice, /no longer be cancelled/);
    assert.match(describeProblem({ status: 422 }, 'create-order').advice, /different order/);
    assert.match(describeProblem({ status: 412 }, 'save-profile').advice, /Reload/);
    assert.match(describeProblem({ status: 504 }, 'create-order').advice, /same idempotency key/);
    assert.match(describeProblem({ status: 503 }, 'create-order').advice, /same idempotency key/);
  });

  it('lists field errors as plain strings', () => {
    const message = describeProblem({ status: 400, problem: problem(400, 'Bad Request', 'Invalid input', { errors: [{ field: 'username', message: 'size must be between 3 and 64' }, null, { field: 7 }] }) });
    assert.deepEqual(message.fields, [{ field: 'username', message: 'size must be between 3 and 64' }, { field: '7', message: '' }]);
  });

  it('copes with a body that is not a problem object', () => {
    for (const body of [null, 'text', [1, 2], 42]) {
      const message = describeProblem({ status: 400, problem: body });
      assert.equal(message.title, 'Invalid input');
      assert.deepEqual(message.fields, []);
    }
  });
});
