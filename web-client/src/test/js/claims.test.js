import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyClaim, describeBinding, describeHeaderParameter, formatClaimValue } from '../../main/resources/META-INF/resources/app/claims.js';

describe('claim classification', () => {
  it('labels the seven RFC 7519 claims as registered', () => {
    for (const name of ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']) {
      const claim = classifyClaim(name);
      assert.equal(claim.kind, 'registered', name);
      assert.equal(claim.source, 'RFC 7519 §4.1');
      assert.ok(claim.meaning.length > 0);
    }
  });

  it('labels IANA-registered claims as public and says where each is registered', () => {
    const expected = {
      client_id: /RFC 8693/, scope: /RFC 8693/, roles: /RFC 9068/, preferred_username: /OpenID Connect Core/, sid: /Front-Channel Logout/, cnf: /RFC 7800/,
    };
    for (const [name, source] of Object.entries(expected)) {
      const claim = classifyClaim(name);
      assert.equal(claim.kind, 'public', name);
      assert.match(claim.source, source);
      assert.match(claim.source, /IANA/);
    }
  });

  it('labels anything else as private, including names inherited from Object', () => {
    for (const name of ['tenant', 'constructor', '__proto__', 'toString', 'Sub']) {
      assert.equal(classifyClaim(name).kind, 'private', name);
    }
  });

  it('describes the JOSE header parameters of an access token', () => {
    assert.match(describeHeaderParameter('typ').source, /RFC 9068/);
    assert.match(describeHeaderParameter('kid').meaning, /JWKS/);
    assert.equal(describeHeaderParameter('jku').source, 'not registered');
  });

  it('shows NumericDate claims also as an ISO instant and other values as JSON', () => {
    assert.equal(formatClaimValue('exp', 1800000000), '1800000000 (2027-01-15T08:00:00.000Z)');
    assert.equal(formatClaimValue('exp', 'soon'), 'soon');
    assert.equal(formatClaimValue('roles', ['USER', 'ADMIN']), '["USER","ADMIN"]');
    assert.equal(formatClaimValue('sub', '<img src=x>'), '<img src=x>');
  });
});

describe('token binding', () => {
  const JKT = '0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I';

  it('says a token bound to this browser\'s key works only with its proofs, and that the key cannot be exported', () => {
    const binding = describeBinding({ cnf: { jkt: JKT } }, { thumbprint: JKT, problem: null });
    assert.equal(binding.state, 'bound');
    assert.equal(binding.jkt, JKT);
    assert.equal(binding.match, 'The thumbprints match.');
    assert.match(binding.explanation, /only works together with a DPoP proof signed by this browser's private key/);
    assert.match(binding.explanation, /cannot be exported/);
  });

  it('says when the token is bound to another key', () => {
    const binding = describeBinding({ cnf: { jkt: JKT } }, { thumbprint: 'other', problem: null });
    assert.equal(binding.state, 'other-key');
    assert.equal(binding.match, 'The thumbprints differ.');
  });

  it('says a token without cnf is a Bearer token, and why when the browser has no key', () => {
    assert.equal(describeBinding({}, { thumbprint: JKT, problem: null }).state, 'bearer');
    const binding = describeBinding({ cnf: 'junk' }, { thumbprint: null, problem: 'IndexedDB is unavailable here' });
    assert.equal(binding.state, 'no-key');
    assert.equal(binding.jkt, null);
    assert.match(binding.explanation, /\(IndexedDB is unavailable here\), so the token is a Bearer token/);
  });
});
