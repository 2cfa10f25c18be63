// Reading a JWS in compact form. Reading is not trusting: nothing here checks the signature.
// The gateway does that with the public key from /.well-known/jwks.json.

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes base64url (RFC 4648 §5, no padding as in RFC 7515) to bytes; throws on anything else. */
export function base64UrlToBytes(text) {
  if (typeof text !== 'string' || !BASE64URL.test(text) || text.length % 4 === 1) {
    throw new TypeError('not base64url');
  }
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/** Decodes base64url to a string, refusing bytes that are not UTF-8. */
export function base64UrlToText(text) {
  return new TextDecoder('utf-8', { fatal: true }).decode(base64UrlToBytes(text));
}

/** Splits a compact JWS into its three base64url segments. */
export function splitToken(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3 || parts[0] === '' || parts[1] === '') {
    throw new TypeError('a JWS in compact form has three dot-separated parts');
  }
  for (const part of parts) {
    if (!BASE64URL.test(part)) {
      throw new TypeError('a JWS part is base64url');
    }
  }
  const [header, payload, signature] = parts;
  return { header, payload, signature };
}

function decodeJsonObject(segment, name) {
  let value;
  try {
    value = JSON.parse(base64UrlToText(segment));
  } catch {
    throw new TypeError(`the ${name} is not base64url-encoded JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`the ${name} is not a JSON object`);
  }
  return value;
}

/** Splits and decodes a compact JWS: its parts plus the header and payload as objects. */
export function decodeToken(token) {
  const parts = splitToken(token);
  return {
    parts,
    header: decodeJsonObject(parts.header, 'header'),
    payload: decodeJsonObject(parts.payload, 'payload'),
  };
}
