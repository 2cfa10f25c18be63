// The API client against fake-gateway.js over HTTP, which checks every proof as the gateway would.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiClient } from '../../main/resources/META-INF/resources/app/api.js';
import { createProofSigner } from '../../main/resources/META-INF/resources/app/dpop.js';
import { decodeToken } from '../../main/resources/META-INF/resources/app/jwt.js';
import { ath } from './dpop-proof-check.js';
import { startFakeGateway } from './fake-gateway.js';

const newSigner = async () => createProofSigner(await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']));

/** A browser at the gateway's origin: relative URLs and a cookie jar for the refresh cookie. */
function browser(origin, signer) {
  const jar = new Map();
  const fetch = async (path, init) => {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await globalThis.fetch(new URL(path, origin), { ...init, headers: { ...init.headers, ...(cookie ? { Cookie: cookie } : {}) } });
    for (const line of response.headers.getSetCookie()) {
      const [name, value] = line.split(';')[0].split('=');
      if (/Max-Age=0/.test(line)) {
        jar.delete(name);
      } else {
        jar.set(name, value);
      }
    }
    return response;
  };
  const proofSigner = signer === null ? async () => { throw new Error('no key'); } : async () => signer;
  // no silent refresh on a timer: the tests refresh by hand
  const timers = { setTimeout: () => 0, clearTimeout: () => {} };
  return { jar, fetch, client: createApiClient({ fetch, origin, proofSigner, timers, locks: null }) };
}

const ORDER = { items: [{ sku: 'ABC-1', quantity: 2, unitPrice: '9.99' }], currency: 'EUR' };

describe('DPoP against the fake gateway', () => {
  let gateway;
  before(async () => {
    gateway = await startFakeGateway();
  });
  after(() => gateway.close());

  async function signedIn(signer, username) {
    const tab = browser(gateway.url, signer);
    await tab.client.register({ username, password: 'correct horse' });
    await tab.client.login(username, 'correct horse');
    return tab;
  }

  it('gets a token bound to the browser\'s key and uses it for orders, sessions and the refresh', async () => {
    const signer = await newSigner();
    const { client } = await signedIn(signer, 'dpop-alice');
    const { payload } = decodeToken(client.session().accessToken);
    assert.equal(client.session().tokenType, 'DPoP');
    assert.equal(payload.cnf.jkt, signer.thumbprint);
    const created = await client.createOrder(ORDER, 'key-1');
    assert.equal(created.total, '19.98');
    assert.equal((await client.listOrders(0, 10)).content.length, 1);
    const before = client.session().accessToken;
    await client.refresh();
    assert.notEqual(client.session().accessToken, before);
    assert.equal(decodeToken(client.session().accessToken).payload.cnf.jkt, signer.thumbprint);
    assert.equal((await client.listSessions()).length, 1);
    await client.logout();
    const mine = gateway.requests.filter((r) => r.headers.dpop !== undefined);
    assert.ok(mine.length >= 6);
    assert.ok(mine.every((r) => r.status < 400), JSON.stringify(mine.map((r) => [r.method, r.path, r.status])));
    assert.ok(mine.filter((r) => r.headers.authorization !== undefined).every((r) => r.headers.authorization.startsWith('DPoP ')));
  });

  it('refuses the bound token as Bearer, without a proof, with a replayed proof and with another key\'s proof', async () => {
    const signer = await newSigner();
    const { client } = await signedIn(signer, 'dpop-bob');
    await client.listOrders(0, 10);
    const token = client.session().accessToken;
    const sent = gateway.requests.findLast((r) => r.path.startsWith('/orders') && r.headers.authorization === `DPoP ${token}`);
    const call = (headers) => globalThis.fetch(`${gateway.url}/orders?page=0&size=10`, { headers });
    const other = await newSigner();
    const answers = await Promise.all([
      call({ Authorization: `Bearer ${token}` }),
      call({ Authorization: `DPoP ${token}` }),
      call({ Authorization: `DPoP ${token}`, DPoP: sent.headers.dpop }),
      call({ Authorization: `DPoP ${token}`, DPoP: await other.proof('GET', `${gateway.url}/orders`, token) }),
      call({ Authorization: `DPoP ${token}`, DPoP: await signer.proof('GET', `${gateway.url}/orders`, `${token}x`) }),
    ]);
    assert.deepEqual(answers.map((r) => r.status), [401, 401, 401, 401, 401]);
    assert.ok(answers.every((r) => /^DPoP error="invalid_(?:dpop_proof|token)", algs="ES256 EdDSA"$/.test(r.headers.get('WWW-Authenticate'))));
    assert.equal((await call({ Authorization: `DPoP ${token}`, DPoP: await signer.proof('GET', `${gateway.url}/orders`, token) })).status, 200);
    assert.equal(decodeToken(sent.headers.dpop).payload.ath, ath(token));
  });

  it('does not refresh a bound session from another key or without a proof, and rotates nothing then', async () => {
    const { jar, client } = await signedIn(await newSigner(), 'dpop-carol');
    const thief = browser(gateway.url, await newSigner());
    thief.jar.set(...[...jar][0]);
    assert.equal(await thief.client.resume(), false);
    assert.equal(gateway.requests.at(-1).status, 400);
    const bearerThief = browser(gateway.url, null);
    bearerThief.jar.set(...[...jar][0]);
    assert.equal(await bearerThief.client.resume(), false);
    assert.equal(gateway.requests.at(-1).status, 400);
    await client.refresh();
    assert.equal(client.session().tokenType, 'DPoP');
  });

  it('keeps working with Bearer tokens for a browser without a key', async () => {
    const { client } = await signedIn(null, 'bearer-dave');
    assert.equal(client.session().tokenType, 'Bearer');
    assert.equal(decodeToken(client.session().accessToken).payload.cnf, undefined);
    await client.createOrder(ORDER, 'key-2');
    await client.refresh();
    assert.equal((await client.listOrders(0, 10)).content.length, 1);
    assert.equal(gateway.requests.at(-1).headers.authorization, `Bearer ${client.session().accessToken}`);
  });
});
