// Shared test helpers: where the shipped modules are, and tokens and responses to feed them.
import { fileURLToPath } from 'node:url';

export const APP_DIR = fileURLToPath(new URL('../../main/resources/META-INF/resources/app/', import.meta.url));
export const RESOURCES_DIR = fileURLToPath(new URL('../../main/resources/META-INF/resources/', import.meta.url));
export const MODULE_DIR = fileURLToPath(new URL('../../../', import.meta.url));

const encode = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** An unsigned-looking JWS in compact form; the signature is arbitrary bytes, as the client never checks it. */
export function token(payload = {}, header = { alg: 'RS256', kid: 'key-1', typ: 'at+jwt' }) {
  return `${encode(header)}.${encode(payload)}.${encode('signature-bytes')}`;
}

export function json(status, body, headers = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

export const noContent = () => new Response(null, { status: 204 });

export function tokens(n, expiresIn = 900) {
  return { access_token: token({ sub: 'u1', jti: `at-${n}` }), token_type: 'Bearer', expires_in: expiresIn, refresh_token: `rt-${n}`, refresh_expires_in: 86400, scope: 'orders:read' };
}
