import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base64UrlToBytes, base64UrlToText, decodeToken, splitToken } from '../../main/resources/META-INF/resources/app/jwt.js';
import { token } from './support.js';

describe('base64url decoding', () => {
  it('decodes unpadded base64url including the url-safe characters', () => {
    assert.deepEqual([...base64UrlToBytes('-_8')], [0xfb, 0xff]);
    assert.equal(base64UrlToText('eyJhIjoxfQ'), '{"a":1}');
  });

  it('decodes every padding length', () => {
    for (const text of ['a', 'ab', 'abc', 'abcd', 'é', 'ü€']) {
      assert.equal(base64UrlToText(Buffer.from(text).toString('base64url')), text);
    }
  });

  it('refuses standard base64 characters, padding and impossible lengths', () => {
    for (const bad of ['ab+c', 'ab/c', 'YQ==', 'abcde', 'a b', 'é']) {
      assert.throws(() => base64UrlToBytes(bad), TypeError, bad);
    }
  });

  it('refuses bytes that are not UTF-8', () => {
    assert.throws(() => base64UrlToText(Buffer.from([0xc3, 0x28]).toString('base64url')), TypeError);
  });
});

describe('token splitting', () => {
  it('splits a compact JWS into header, payload and signature', () => {
    assert.deepEqual(splitToken('aGVhZA.cGF5.c2ln'), { header: 'aGVhZA', payload: 'cGF5', signature: 'c2ln' });
  });

  it('refuses two or four segments, empty header or payload, and non-base64url segments', () => {
    for (const bad of ['a.b', 'a.b.c.d', '.b.c', 'a..c', 'a.b+.c', '', null, 42]) {
      assert.throws(() => splitToken(bad), TypeError, String(bad));
    }
  });

  it('decodes header and payload as JSON objects', () => {
    const decoded = decodeToken(token({ sub: 'u1', roles: ['USER'] }));
    assert.deepEqual(decoded.header, { alg: 'RS256', kid: 'key-1', typ: 'at+jwt' });
    assert.deepEqual(decoded.payload, { sub: 'u1', roles: ['USER'] });
    assert.equal(decoded.parts.signature, Buffer.from('signature-bytes').toString('base64url'));
  });

  it('refuses a payload that is JSON but not an object', () => {
    const header = Buffer.from('{"alg":"RS256"}').toString('base64url');
    for (const payload of ['[1]', '"text"', 'null', '42']) {
      assert.throws(() => decodeToken(`${header}.${Buffer.from(payload).toString('base64url')}.c2ln`), /not a JSON object/);
    }
    assert.throws(() => decodeToken(`${header}.${Buffer.from('{nope').toString('base64url')}.c2ln`), /not base64url-encoded JSON/);
  });
});
