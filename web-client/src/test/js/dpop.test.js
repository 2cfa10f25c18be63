import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { indexedDbKeyStore, loadKeyPair } from '../../main/resources/META-INF/resources/app/dpop-keys.js';
import { accessTokenHash, base64Url, createProofSigner, targetUri, thumbprint } from '../../main/resources/META-INF/resources/app/dpop.js';
import { decodeToken } from '../../main/resources/META-INF/resources/app/jwt.js';
import { checkProof, ecThumbprint } from './dpop-proof-check.js';

const { subtle } = globalThis.crypto;
const newKeyPair = () => subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);

// RFC 7638 §3.1: the example RSA key and its thumbprint.
const RFC7638_KEY = {
  kty: 'RSA',
  n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
  e: 'AQAB',
  alg: 'RS256',
  kid: '2011-04-29',
};
// RFC 9449 §4.1's proof key and the cnf.jkt of §6.1, also what Nimbus JOSE computes for it.
const RFC9449_KEY = { kty: 'EC', x: 'l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs', y: '9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA', crv: 'P-256' };

/** A key store in memory, standing in for IndexedDB. */
function memoryStore(initial = undefined) {
  let stored = initial;
  const writes = [];
  return {
    writes,
    get: async () => stored,
    async add(keyPair) {
      if (stored !== undefined) {
        throw new DOMException('Key already exists in the object store.', 'ConstraintError');
      }
      writes.push(keyPair);
      stored = keyPair;
    },
  };
}

describe('DPoP thumbprints and hashes', () => {
  it('computes RFC 7638 thumbprints: the RFC\'s RSA example and RFC 9449\'s EC key', async () => {
    assert.equal(await thumbprint(RFC7638_KEY), 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    assert.equal(await thumbprint(RFC9449_KEY), '0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I');
    assert.equal(await thumbprint({ ...RFC9449_KEY, kid: 'ignored', use: 'sig' }), '0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I');
  });

  it('refuses a thumbprint of a key that lacks a required member', async () => {
    await assert.rejects(thumbprint({ kty: 'EC', crv: 'P-256', x: RFC9449_KEY.x }), TypeError);
    await assert.rejects(thumbprint({ kty: 'oct', k: 'c2VjcmV0' }), TypeError);
  });

  it('hashes an access token for ath as base64url SHA-256: RFC 9449 §7.1\'s example and any other token', async () => {
    assert.equal(await accessTokenHash('Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU'), 'fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo');
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2ln';
    assert.equal(await accessTokenHash(token), createHash('sha256').update(token).digest('base64url'));
  });

  it('encodes base64url without padding', () => {
    assert.equal(base64Url(new Uint8Array([0xfb, 0xff])), '-_8');
    assert.equal(base64Url('ab'), 'YWI');
  });

  it('makes htu the absolute URL without query and fragment', () => {
    assert.equal(targetUri('/orders?page=0&size=10', 'https://edge.example'), 'https://edge.example/orders');
    assert.equal(targetUri('/auth/sessions/a%2Fb#x', 'http://localhost:8080'), 'http://localhost:8080/auth/sessions/a%2Fb');
  });
});

describe('DPoP proofs', () => {
  it('have the header RFC 9449 §4.2 asks for, with only the public members of the key', async () => {
    const keyPair = await newKeyPair();
    const signer = await createProofSigner(keyPair);
    const { header } = decodeToken(await signer.proof('POST', 'https://edge.example/auth/login'));
    const exported = await subtle.exportKey('jwk', keyPair.publicKey);
    assert.deepEqual(Object.keys(header), ['typ', 'alg', 'jwk']);
    assert.equal(header.typ, 'dpop+jwt');
    assert.equal(header.alg, 'ES256');
    assert.deepEqual(header.jwk, { kty: 'EC', crv: 'P-256', x: exported.x, y: exported.y });
    assert.equal(signer.thumbprint, ecThumbprint(exported));
  });

  it('claim jti, htm, htu and iat in seconds, and no ath without an access token', async () => {
    const signer = await createProofSigner(await newKeyPair(), { now: () => 1_700_000_000_999, randomUUID: () => 'jti-1' });
    const { payload } = decodeToken(await signer.proof('POST', 'https://edge.example/auth/refresh'));
    assert.deepEqual(payload, { jti: 'jti-1', htm: 'POST', htu: 'https://edge.example/auth/refresh', iat: 1_700_000_000 });
  });

  it('claim ath, the hash of the access token they come with', async () => {
    const signer = await createProofSigner(await newKeyPair());
    const { payload } = decodeToken(await signer.proof('GET', 'https://edge.example/orders', 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU'));
    assert.equal(payload.ath, 'fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo');
  });

  it('are signed in JWS form (raw r||s) so that the key in their header verifies them, each with a fresh jti', async () => {
    const signer = await createProofSigner(await newKeyPair());
    const seen = new Set();
    const url = 'https://edge.example/orders';
    const first = await signer.proof('GET', url, 'token-1');
    const second = await signer.proof('GET', url, 'token-1');
    assert.equal(Buffer.from(first.split('.')[2], 'base64url').length, 64);
    assert.equal(await checkProof(first, { method: 'GET', url, accessToken: 'token-1', seen }), signer.thumbprint);
    assert.equal(await checkProof(second, { method: 'GET', url, accessToken: 'token-1', seen }), signer.thumbprint);
    await assert.rejects(checkProof(first, { method: 'GET', url, accessToken: 'token-1', seen }), /replayed/);
  });

  it('do not verify for another method, URL or token, nor with their signature changed', async () => {
    const signer = await createProofSigner(await newKeyPair());
    const url = 'https://edge.example/orders';
    const proof = await signer.proof('GET', url, 'token-1');
    const check = (overrides, candidate = proof) => checkProof(candidate, { method: 'GET', url, accessToken: 'token-1', seen: new Set(), ...overrides });
    await assert.rejects(check({ method: 'POST' }), /htm/);
    await assert.rejects(check({ url: 'https://edge.example/profiles/me' }), /htu/);
    await assert.rejects(check({ accessToken: 'token-2' }), /ath/);
    const [header, payload, signature] = proof.split('.');
    const bytes = Buffer.from(signature, 'base64url');
    bytes[10] ^= 1;
    await assert.rejects(check({}, `${header}.${payload}.${bytes.toString('base64url')}`), /signature/);
  });
});

describe('the browser\'s DPoP key pair', () => {
  it('is created non-extractable once and then loaded from the store', async () => {
    const store = memoryStore();
    const created = await loadKeyPair({ store });
    assert.equal(created.privateKey.extractable, false);
    assert.deepEqual(created.privateKey.algorithm, { name: 'ECDSA', namedCurve: 'P-256' });
    await assert.rejects(subtle.exportKey('jwk', created.privateKey));
    assert.equal(await loadKeyPair({ store }), created);
    assert.equal(store.writes.length, 1);
  });

  it('is the one another tab stored first when both create one at once', async () => {
    const other = await newKeyPair();
    const store = memoryStore();
    // the other tab stores its pair between this tab's look-up and its add
    let lookedUp = false;
    const racing = {
      async get() {
        if (lookedUp) {
          return store.get();
        }
        lookedUp = true;
        await store.add(other);
        return undefined;
      },
      add: store.add,
    };
    assert.equal(await loadKeyPair({ store: racing }), other);
    assert.deepEqual(store.writes, [other]);
  });

  it('cannot be had without WebCrypto or without IndexedDB, which leaves tokens Bearer tokens', async () => {
    await assert.rejects(loadKeyPair({ store: memoryStore(), subtle: null }), /WebCrypto is unavailable/);
    await assert.rejects(loadKeyPair({ store: indexedDbKeyStore(undefined) }), /IndexedDB is unavailable/);
    const failing = { get: async () => undefined, add: async () => { throw new DOMException('quota', 'QuotaExceededError'); } };
    await assert.rejects(loadKeyPair({ store: failing }), /quota/);
  });
});
