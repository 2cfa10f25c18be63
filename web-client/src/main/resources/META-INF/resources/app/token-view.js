// The token view: the access token split, decoded and explained. Token data goes into the page
// as text only (textContent and Text nodes): a token is attacker-controllable input.
import { classifyClaim, describeBinding, describeHeaderParameter, formatClaimValue } from './claims.js';
import { h, byId } from './dom.js';
import { decodeToken } from './jwt.js';
import { formatCountdown } from './time.js';

function row(name, value, kind, meaning, source) {
  return h('tr', { class: `claim-${kind}`, dataset: { claim: name } },
    h('th', { scope: 'row' }, h('code', {}, name)),
    h('td', {}, h('code', { class: 'claim-value' }, value)),
    h('td', {}, h('span', { class: `badge badge-${kind}` }, kind)),
    h('td', {}, meaning),
    h('td', {}, source));
}

function renderBinding(payload, proofKey) {
  const { state, jkt, own, match, explanation } = describeBinding(payload, proofKey);
  byId('token-binding').dataset.binding = state;
  byId('token-binding-explanation').textContent = explanation;
  byId('token-jkt').textContent = jkt ?? '(none)';
  byId('token-key-jkt').textContent = own ?? '(none)';
  byId('token-binding-match').textContent = match;
}

/** Shows the session's access token; a token that cannot be decoded is reported, not rendered. */
export function renderToken({ accessToken, proofKey }) {
  let decoded;
  try {
    decoded = decodeToken(accessToken);
  } catch (error) {
    byId('token-raw').replaceChildren(`This token cannot be decoded: ${error.message}`);
    for (const id of ['token-header-json', 'token-payload-json', 'token-kid', 'token-claims', 'token-binding-explanation', 'token-jkt', 'token-key-jkt', 'token-binding-match']) {
      byId(id).replaceChildren();
    }
    delete byId('token-binding').dataset.binding;
    return;
  }
  const { parts, header, payload } = decoded;
  byId('token-raw').replaceChildren(
    h('span', { class: 'jwt-header', 'data-testid': 'token-part-header' }, parts.header), '.',
    h('span', { class: 'jwt-payload', 'data-testid': 'token-part-payload' }, parts.payload), '.',
    h('span', { class: 'jwt-signature', 'data-testid': 'token-part-signature' }, parts.signature));
  byId('token-header-json').textContent = JSON.stringify(header, null, 2);
  byId('token-payload-json').textContent = JSON.stringify(payload, null, 2);
  byId('token-kid').textContent = typeof header.kid === 'string' ? header.kid : '(no kid)';
  const headerRows = Object.entries(header).map(([name, value]) => {
    const { source, meaning } = describeHeaderParameter(name);
    return row(name, formatClaimValue(name, value), 'header', meaning, source);
  });
  const claimRows = Object.entries(payload).map(([name, value]) => {
    const { kind, source, meaning } = classifyClaim(name);
    return row(name, formatClaimValue(name, value), kind, meaning, source);
  });
  byId('token-claims').replaceChildren(...headerRows, ...claimRows);
  renderBinding(payload, proofKey);
}

/** Updates the countdown to expiresAt (epoch ms, from the login answer's expires_in). */
export function renderCountdown(expiresAt, nowMs = Date.now()) {
  byId('token-countdown').textContent = formatCountdown((expiresAt - nowMs) / 1000);
}
