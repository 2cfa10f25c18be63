// DPoP proof checks as the gateway makes them (RFC 9449 §4.3, docs/CONTRACT.md), written apart
// from the client's dpop.js so that the tests do not check the client against itself.
import { createHash, webcrypto } from 'node:crypto';

const WINDOW_SECONDS = 60;
const sha256 = (text) => createHash('sha256').update(text).digest('base64url');
const decode = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/** The RFC 7638 thumbprint of a public EC key, by hand. */
export const ecThumbprint = ({ crv, x, y }) => sha256(`{"crv":"${crv}","kty":"EC","x":"${x}","y":"${y}"}`);

/** What ath holds for an access token. */
export const ath = sha256;

/**
 * Checks a proof for a request to url (absolute, compared without query) and records its jti in
 * seen; returns the key's thumbprint, or throws an Error saying which rule is broken.
 */
export async function checkProof(proof, { method, url, accessToken = null, seen, now = Date.now() }) {
  const parts = typeof proof === 'string' ? proof.split('.') : [];
  if (parts.length !== 3) {
    throw new Error('not a compact JWS');
  }
  const [header, claims] = parts.slice(0, 2).map(decode);
  if (header.typ !== 'dpop+jwt' || header.alg !== 'ES256') {
    throw new Error(`typ ${header.typ}, alg ${header.alg}`);
  }
  const { jwk } = header;
  if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256' || 'd' in jwk) {
    throw new Error('no public P-256 jwk');
  }
  const key = await webcrypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const signed = await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, Buffer.from(parts[2], 'base64url'), Buffer.from(`${parts[0]}.${parts[1]}`));
  if (!signed) {
    throw new Error('bad signature');
  }
  if (typeof claims.jti !== 'string' || claims.jti === '' || claims.jti.length > 128) {
    throw new Error('no jti');
  }
  if (claims.htm !== method) {
    throw new Error(`htm ${claims.htm} for ${method}`);
  }
  const target = new URL(url);
  target.search = '';
  if (claims.htu !== target.href) {
    throw new Error(`htu ${claims.htu} for ${target.href}`);
  }
  if (!Number.isInteger(claims.iat) || Math.abs(claims.iat - now / 1000) > WINDOW_SECONDS) {
    throw new Error(`iat ${claims.iat}`);
  }
  if (accessToken === null ? 'ath' in claims : claims.ath !== ath(accessToken)) {
    throw new Error(`ath ${claims.ath}`);
  }
  if (seen.has(claims.jti)) {
    throw new Error('jti replayed');
  }
  seen.add(claims.jti);
  return ecThumbprint(jwk);
}
