import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyClaim, describeHeaderParameter, formatClaimValue } from '../../main/resources/META-INF/resources/app/claims.js';

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
      client_id: /RFC 8693/, scope: /RFC 8693/, roles: /RFC 9068/, preferred_username: /OpenID Connect Core/, sid: /Front-Channel Logout/,
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
