// What each JOSE header parameter and JWT claim in an Edgepass access token means, and where it is defined.

const HEADER_PARAMETERS = {
  alg: ['RFC 7515 §4.1.1', 'Signature algorithm; the gateway accepts only its configured list, never "none"'],
  kid: ['RFC 7515 §4.1.4', 'Key ID: which public key in the JWKS verifies the signature'],
  typ: ['RFC 7515 §4.1.9, RFC 9068 §2.1', 'Token type; "at+jwt" marks an OAuth 2.0 access token'],
};

const REGISTERED = {
  iss: 'Issuer: who issued the token',
  sub: 'Subject: the user the token is about (a user id)',
  aud: 'Audience: the API the token is meant for',
  exp: 'Expiration time: not accepted after this instant',
  nbf: 'Not before: not accepted before this instant',
  iat: 'Issued at: when the token was created',
  jti: 'JWT ID: unique id of this token, used to revoke it',
};

const PUBLIC = {
  client_id: ['RFC 8693 §4.3', 'The OAuth client the token was issued to'],
  scope: ['RFC 8693 §4.2', 'Space-separated permissions granted to this token'],
  roles: ['RFC 9068 §7.2.1 (from SCIM, RFC 7643 §4.1.2)', 'Roles of the user'],
  preferred_username: ['OpenID Connect Core 1.0 §5.1', 'The username to display'],
  sid: ['OpenID Connect Front-Channel Logout 1.0 §3', 'Session ID: the login session (refresh-token family)'],
  auth_time: ['OpenID Connect Core 1.0 §2', 'When the user authenticated'],
  cnf: ['RFC 7800 §3.1, RFC 9449 §6.1', 'Confirmation: jkt is the thumbprint of the key whose DPoP proofs must come with the token'],
};

/**
 * Classifies a claim name: "registered" (RFC 7519 §4.1), "public" (registered with IANA's
 * JSON Web Token Claims registry, RFC 7519 §4.2) or "private" (RFC 7519 §4.3).
 */
export function classifyClaim(name) {
  if (Object.hasOwn(REGISTERED, name)) {
    return { kind: 'registered', source: 'RFC 7519 §4.1', meaning: REGISTERED[name] };
  }
  if (Object.hasOwn(PUBLIC, name)) {
    const [source, meaning] = PUBLIC[name];
    return { kind: 'public', source: `IANA JWT Claims registry: ${source}`, meaning };
  }
  return { kind: 'private', source: 'not registered', meaning: 'Private claim: its meaning is agreed only between issuer and reader' };
}

/** Describes a JOSE header parameter. */
export function describeHeaderParameter(name) {
  if (Object.hasOwn(HEADER_PARAMETERS, name)) {
    const [source, meaning] = HEADER_PARAMETERS[name];
    return { source, meaning };
  }
  return { source: 'not registered', meaning: 'Unknown header parameter' };
}

const TIME_CLAIMS = new Set(['exp', 'nbf', 'iat', 'auth_time']);

/** A claim value as display text: NumericDate claims also as an ISO instant. */
export function formatClaimValue(name, value) {
  if (TIME_CLAIMS.has(name) && Number.isFinite(value)) {
    return `${value} (${new Date(value * 1000).toISOString()})`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * What the token's binding (cnf.jkt, RFC 9449 §6) means for this browser, whose own key's
 * thumbprint is proofKey.thumbprint (null, with proofKey.problem, when it cannot keep a key).
 * state: "bound", "other-key", "bearer" or "no-key".
 */
export function describeBinding(payload, proofKey) {
  const jkt = typeof payload?.cnf?.jkt === 'string' ? payload.cnf.jkt : null;
  const own = proofKey?.thumbprint ?? null;
  if (jkt !== null && jkt === own) {
    return {
      state: 'bound', jkt, own, match: 'The thumbprints match.',
      explanation: 'This token only works together with a DPoP proof signed by this browser\'s private key, made for each request. '
        + 'The key was created so that it cannot be exported, not even by this page: a copy of the token is useless anywhere else.',
    };
  }
  if (jkt !== null) {
    return {
      state: 'other-key', jkt, own, match: 'The thumbprints differ.',
      explanation: 'This token is bound to a key, but not to the one this browser holds now: the gateway will refuse it. Please log in again.',
    };
  }
  if (own !== null) {
    return {
      state: 'bearer', jkt, own, match: 'The token is not bound to a key.',
      explanation: 'This browser sent DPoP proofs, but the server issued a Bearer token: whoever holds it can use it until it expires.',
    };
  }
  return {
    state: 'no-key', jkt, own, match: 'The token is not bound to a key.',
    explanation: `This browser cannot keep a DPoP key here (${proofKey?.problem ?? 'no key'}), so the token is a Bearer token: `
      + 'whoever holds it can use it until it expires. DPoP needs WebCrypto and IndexedDB, which pages served over HTTPS or from localhost have.',
  };
}
