import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeGateway } from './fake-gateway.js';
import { MODULE_DIR } from './support.js';

const SCRIPT = join(MODULE_DIR, '..', 'examples', 'walkthrough.sh');

function run(url, env = {}) {
  return new Promise((resolve) => {
    const child = spawn('bash', [SCRIPT], { env: { ...process.env, EDGEPASS_URL: url, ...env } });
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { out += chunk; });
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('examples/walkthrough.sh against a fake gateway', () => {
  let gateway;
  before(async () => {
    gateway = await startFakeGateway();
  });
  after(() => gateway.close());

  it('passes every check with jq and never prints a token', async () => {
    const { code, out } = await run(gateway.url);
    assert.equal(code, 0, out);
    assert.match(out, /All \d+ checks passed/);
    assert.doesNotMatch(out, /eyJ/);
  });

  it('passes every check with grep and sed only', async () => {
    const { code, out } = await run(gateway.url, { JQ: '' });
    assert.equal(code, 0, out);
    assert.match(out, /All \d+ checks passed/);
  });
});

describe('examples/walkthrough.sh when something is wrong', () => {
  it('exits non-zero and names the failing call when a service is down', async () => {
    const gateway = await startFakeGateway({ faults: { down: /^\/profiles\/me/ } });
    try {
      const { code, out } = await run(gateway.url);
      assert.equal(code, 1, out);
      assert.match(out, /FAILED: GET \/profiles\/me: expected 200, got 503/);
      assert.match(out, /response body: .*Service Unavailable/);
    } finally {
      await gateway.close();
    }
  });

  it('exits non-zero when nothing answers', async () => {
    const { code, out } = await run('http://127.0.0.1:9');
    assert.equal(code, 1, out);
    assert.match(out, /no answer from/);
  });
});
