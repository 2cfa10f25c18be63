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
