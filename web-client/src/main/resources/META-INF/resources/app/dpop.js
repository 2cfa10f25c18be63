// DPoP proofs (RFC 9449 §4): a JWS signed with this browser's key for each request, so that a
// token bound to the key (cnf.jkt) is worthless to whoever copies it without the key.
const encoder = new TextEncoder();

/** base64url without padding (RFC 7515 §2) of bytes or of a string's UTF-8. */
export function base64Url(value) {
  const bytes = typeof value === 'string' ? encoder.encode(value) : new Uint8Array(value);
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

async function sha256(text, subtle) {
  return base64Url(await subtle.digest('SHA-256', encoder.encode(text)));
}

/** The members RFC 7638 §3.2 hashes, per key type, in lexicographic order. */
const THUMBPRINT_MEMBERS = { EC: ['crv', 'kty', 'x', 'y'], OKP: ['crv', 'kty', 'x'], RSA: ['e', 'kty', 'n'] };

/** The RFC 7638 SHA-256 thumbprint of a public JWK, base64url: what a bound token's cnf.jkt holds. */
export async function thumbprint(jwk, subtle = globalThis.crypto.subtle) {
  const members = THUMBPRINT_MEMBERS[jwk?.kty];
  if (members === undefined || members.some((name) => typeof jwk[name] !== 'string')) {
    throw new TypeError('not a public EC, OKP or RSA JWK');
  }
  return sha256(JSON.stringify(Object.fromEntries(members.map((name) => [name, jwk[name]]))), subtle);
}

/** A proof's ath (RFC 9449 §4.2): the base64url SHA-256 of the access token it comes with. */
export function accessTokenHash(accessToken, subtle = globalThis.crypto.subtle) {
  return sha256(accessToken, subtle);
}

/** A proof's htu (RFC 9449 §4.2): the request's absolute URL without query and fragment. */
export function targetUri(path, origin) {
  const url = new URL(path, origin);
  url.search = '';
  url.hash = '';
  return url.href;
}

/**
 * Makes proofs with an ECDSA P-256 key pair, whose private key may be (and in the browser is)
 * non-extractable: only the public key is exported, as the proof header's jwk.
 */
export async function createProofSigner(keyPair, {
  subtle = globalThis.crypto.subtle,
  randomUUID = () => globalThis.crypto.randomUUID(),
  now = () => Date.now(),
} = {}) {
  const { kty, crv, x, y } = await subtle.exportKey('jwk', keyPair.publicKey);
  const jwk = { kty, crv, x, y };
  const header = base64Url(JSON.stringify({ typ: 'dpop+jwt', alg: 'ES256', jwk }));
  return {
    thumbprint: await thumbprint(jwk, subtle),

    /** A proof for one request; accessToken (for ath) only when the request carries one. */
    async proof(method, htu, accessToken = null) {
      const claims = { jti: randomUUID(), htm: method, htu, iat: Math.floor(now() / 1000) };
      if (accessToken !== null) {
        claims.ath = await accessTokenHash(accessToken, subtle);
      }
      const signingInput = `${header}.${base64Url(JSON.stringify(claims))}`;
      // WebCrypto's ECDSA signature is already r||s, the form JWS wants (RFC 7518 §3.4).
      const signature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keyPair.privateKey, encoder.encode(signingInput));
      return `${signingInput}.${base64Url(signature)}`;
    },
  };
}
