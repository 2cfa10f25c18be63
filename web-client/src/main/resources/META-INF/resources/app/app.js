// Wires the page to the API client. Everything from the server or a token is rendered as text.
import { ApiError, createApiClient } from './api.js';
import { h, byId } from './dom.js';
import { createSubmission } from './idempotency.js';
import { decodeToken } from './jwt.js';
import { describeProblem } from './problems.js';
import { renderCountdown, renderToken } from './token-view.js';

const PAGE_SIZE = 10;
const MAX_ITEMS = 100;

const client = createApiClient({ onSessionChange });
let orderSubmission = createSubmission();
let ordersPage = 0;
let profileEtag = null;
let countdownTimer = null;

// ---- messages

function showMessage(kind, title, detail = '', extra = []) {
  const message = h('div', { class: `message message-${kind}`, role: kind === 'error' ? 'alert' : null, 'data-testid': `message-${kind}` },
    h('p', {}, h('strong', {}, title), detail ? ` ${detail}` : ''),
    ...extra,
    h('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss message', onclick: (event) => event.currentTarget.parentElement.remove() }, '×'));
  byId('messages').replaceChildren(message);
}

const clearMessages = () => byId('messages').replaceChildren();

function showError(error, action) {
  if (!(error instanceof ApiError)) {
    console.error(error);
    showMessage('error', 'Something went wrong.', 'Please try again.');
    return;
  }
  if (error.status === 401 && action !== 'login' && client.session() === null) {
    return; // the session-ended message already says it
  }
  const { title, detail, advice, fields } = describeProblem(error, action);
  const extra = [];
  if (advice) {
    extra.push(h('p', { class: 'advice' }, advice));
  }
  if (fields.length > 0) {
    extra.push(h('ul', { class: 'field-errors' }, fields.map(({ field, message }) => h('li', {}, h('code', {}, field), ` ${message}`))));
  }
  showMessage('error', title, detail, extra);
}

async function busy(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

// ---- session

function usernameOf(accessToken) {
  try {
    const { payload } = decodeToken(accessToken);
    return String(payload.preferred_username ?? payload.sub ?? '');
  } catch {
    return '';
  }
}

function onSessionChange(session, reason) {
  const signedIn = session !== null;
  byId('auth-section').hidden = signedIn;
  byId('app-section').hidden = !signedIn;
  byId('account').hidden = !signedIn;
  clearInterval(countdownTimer);
  if (signedIn) {
    byId('current-user').textContent = usernameOf(session.accessToken);
    renderToken(session);
    renderCountdown(session.expiresAt);
    countdownTimer = setInterval(() => renderCountdown(session.expiresAt), 1000);
    if (reason === 'login' || reason === 'resume') {
      selectTab('tab-orders');
      byId('tab-orders').focus();
      byId('login-form').reset();
      byId('register-form').reset();
      ordersPage = 0;
      loadOrders();
    }
    return;
  }
  for (const id of ['orders-list', 'sessions-list', 'token-raw', 'token-header-json', 'token-payload-json', 'token-claims', 'token-kid', 'token-binding-explanation', 'token-jkt', 'token-key-jkt', 'token-binding-match', 'current-user', 'profile-username', 'profile-etag']) {
    byId(id).replaceChildren();
  }
  delete byId('token-binding').dataset.binding;
  byId('profile-form').reset();
  profileEtag = null;
  orderSubmission = createSubmission();
  resetOrderForm();
  if (reason === 'expired') {
    showMessage('error', 'Your session has ended.', 'It expired or was signed out from another device. Please log in again.');
  }
  byId('login-username').focus();
}

byId('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  busy(byId('login-submit'), async () => {
    try {
      await client.login(form.elements.username.value.trim(), form.elements.password.value);
      clearMessages();
    } catch (error) {
      showError(error, 'login');
    }
  });
});

byId('register-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const optional = (value) => (value.trim() === '' ? undefined : value.trim());
  const username = form.elements.username.value.trim();
  const password = form.elements.password.value;
  busy(byId('register-submit'), async () => {
    try {
      await client.register({ username, password, email: optional(form.elements.email.value), displayName: optional(form.elements.displayName.value) });
    } catch (error) {
      showError(error, 'register');
      return;
    }
    try {
      await client.login(username, password);
      showMessage('success', 'Account created.', 'You are logged in.');
    } catch (error) {
      showError(error, 'login');
    }
  });
});

byId('logout-button').addEventListener('click', (event) => {
  busy(event.currentTarget, async () => {
    try {
      await client.logout();
      showMessage('success', 'Logged out.');
    } catch (error) {
      showError(error, 'logout');
    }
  });
});

byId('logout-all-button').addEventListener('click', (event) => {
  busy(event.currentTarget, async () => {
    try {
      await client.logoutAll();
      showMessage('success', 'Signed out everywhere.', 'Every session of your account has been revoked.');
    } catch (error) {
      showError(error, 'logout');
    }
  });
});


// ---- tabs (WAI-ARIA tabs pattern)

const tabs = [...document.querySelectorAll('[role="tab"]')];
const panelLoaders = { 'tab-orders': () => loadOrders(), 'tab-profile': () => loadProfile(), 'tab-sessions': () => loadSessions(), 'tab-token': () => {} };

function selectTab(id) {
  for (const tab of tabs) {
    const selected = tab.id === id;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    byId(tab.getAttribute('aria-controls')).hidden = !selected;
  }
}

for (const tab of tabs) {
  tab.addEventListener('click', () => {
    selectTab(tab.id);
    panelLoaders[tab.id]();
  });
  tab.addEventListener('keydown', (event) => {
    const index = tabs.indexOf(tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      const target = tabs[(next + tabs.length) % tabs.length];
      target.focus();
      target.click();
    }
  });
}

// ---- orders

function itemRow() {
  const remove = h('button', { type: 'button', class: 'secondary remove-item', 'data-testid': 'order-item-remove', 'aria-label': 'Remove item' }, 'Remove');
  const row = h('tr', { 'data-testid': 'order-item' },
    h('td', {}, h('input', { name: 'sku', 'aria-label': 'SKU', 'data-testid': 'order-item-sku', placeholder: 'SKU, e.g. ABC-1', required: true, maxlength: 32, pattern: '[A-Z0-9\\-]{1,32}', autocapitalize: 'characters', spellcheck: 'false' })),
    h('td', {}, h('input', { name: 'quantity', type: 'number', 'aria-label': 'Quantity', 'data-testid': 'order-item-quantity', required: true, min: 1, max: 1000, step: 1, value: 1 })),
    h('td', {}, h('input', { name: 'unitPrice', 'aria-label': 'Unit price', 'data-testid': 'order-item-unit-price', required: true, inputmode: 'decimal', pattern: '\\d{1,7}(\\.\\d{1,2})?', placeholder: '0.00' })),
    h('td', {}, remove));
  remove.addEventListener('click', () => {
    row.remove();
    updateItemButtons();
  });
  return row;
}

// SKUs and currency codes are upper case by contract; type them in any case.
byId('order-form').addEventListener('input', (event) => {
  if (event.target.name === 'sku' || event.target.id === 'order-currency') {
    event.target.value = event.target.value.toUpperCase();
  }
});

function updateItemButtons() {
  const rows = byId('order-items').rows;
  for (const button of byId('order-items').querySelectorAll('.remove-item')) {
    button.disabled = rows.length === 1;
  }
  byId('order-add-item').disabled = rows.length >= MAX_ITEMS;
}

function resetOrderForm() {
  byId('order-items').replaceChildren(itemRow());
  updateItemButtons();
  byId('order-retry').hidden = true;
  byId('order-key').textContent = '';
}

function orderFromForm() {
  const items = [...byId('order-items').rows].map((row) => ({
    sku: row.querySelector('[name="sku"]').value.trim(),
    quantity: Number(row.querySelector('[name="quantity"]').value),
    unitPrice: row.querySelector('[name="unitPrice"]').value.trim(),
  }));
  return { items, currency: byId('order-currency').value.trim() };
}

byId('order-add-item').addEventListener('click', () => {
  const row = itemRow();
  byId('order-items').append(row);
  updateItemButtons();
  row.querySelector('input').focus();
});

function submitOrder() {
  const order = orderFromForm();
  const key = orderSubmission.keyFor(order);
  byId('order-key').textContent = `Idempotency-Key: ${key}`;
  return busy(byId('order-submit'), async () => {
    try {
      const created = await client.createOrder(order, key);
      orderSubmission.settle(201);
      resetOrderForm();
      showMessage('success', 'Order placed.', `Order ${created?.id ?? ''} total ${created?.total ?? ''} ${created?.currency ?? ''}.`);
      ordersPage = 0;
      await loadOrders();
    } catch (error) {
      orderSubmission.settle(error.status ?? 0);
      byId('order-retry').hidden = orderSubmission.pendingKey === null;
      if (orderSubmission.pendingKey === null) {
        byId('order-key').textContent = '';
      }
      showError(error, 'create-order');
    }
  });
}

byId('order-form').addEventListener('submit', (event) => {
  event.preventDefault();
  submitOrder();
});
byId('order-retry').addEventListener('click', () => {
  if (byId('order-form').reportValidity()) {
    submitOrder();
  }
});

function orderRow(order) {
  const items = Array.isArray(order.items) ? order.items : [];
  const cancel = order.status === 'PLACED'
    ? h('button', { type: 'button', class: 'secondary', 'data-testid': 'order-cancel', onclick: (event) => cancelOrder(order.id, event.currentTarget) }, 'Cancel')
    : null;
  return h('tr', { 'data-testid': 'order-row', dataset: { orderId: String(order.id), status: String(order.status) } },
    h('td', {}, h('code', { title: String(order.id) }, String(order.id).slice(0, 8))),
    h('td', {}, formatInstant(order.createdAt)),
    h('td', {}, items.map((item) => `${item.quantity} × ${item.sku} @ ${item.unitPrice}`).join(', ')),
    h('td', { class: 'number' }, `${order.total} ${order.currency}`),
    h('td', {}, h('span', { class: `badge status-${String(order.status).toLowerCase()}`, 'data-testid': 'order-status' }, String(order.status))),
    h('td', {}, cancel));
}

function formatInstant(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value ?? '') : date.toLocaleString();
}

async function loadOrders() {
  try {
    const result = await client.listOrders(ordersPage, PAGE_SIZE);
    const orders = Array.isArray(result?.content) ? result.content : [];
    const page = result?.page ?? {};
    byId('orders-list').replaceChildren(...orders.map(orderRow));
    byId('orders-empty').hidden = orders.length > 0 || ordersPage > 0;
    const totalPages = Number(page.totalPages) || 0;
    byId('orders-page-info').textContent = totalPages > 0 ? `Page ${ordersPage + 1} of ${totalPages} (${page.totalElements} orders)` : '';
    byId('orders-prev').disabled = ordersPage === 0;
    byId('orders-next').disabled = ordersPage + 1 >= totalPages;
  } catch (error) {
    showError(error, 'list-orders');
  }
}

async function cancelOrder(id, button) {
  await busy(button, async () => {
    try {
      await client.cancelOrder(id);
      showMessage('success', 'Order cancelled.');
      await loadOrders();
    } catch (error) {
      showError(error, 'cancel-order');
    }
  });
}

byId('orders-refresh').addEventListener('click', () => loadOrders());
byId('orders-prev').addEventListener('click', () => {
  ordersPage = Math.max(0, ordersPage - 1);
  loadOrders();
});
byId('orders-next').addEventListener('click', () => {
  ordersPage += 1;
  loadOrders();
});

// ---- profile

async function loadProfile() {
  try {
    const { profile, etag } = await client.getProfile();
    profileEtag = etag;
    byId('profile-username').textContent = String(profile?.username ?? '');
    byId('profile-etag').textContent = etag ?? '(none)';
    byId('profile-display-name').value = profile?.displayName ?? '';
    byId('profile-email').value = profile?.email ?? '';
    byId('profile-bio').value = profile?.bio ?? '';
    byId('profile-reload').hidden = true;
  } catch (error) {
    showError(error, 'load-profile');
  }
}

byId('profile-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = (id) => (byId(id).value.trim() === '' ? null : byId(id).value.trim());
  const fields = { displayName: value('profile-display-name'), email: value('profile-email'), bio: value('profile-bio') };
  busy(byId('profile-save'), async () => {
    try {
      const { etag } = await client.saveProfile(fields, profileEtag);
      profileEtag = etag;
      byId('profile-etag').textContent = etag ?? '(none)';
      showMessage('success', 'Profile saved.');
    } catch (error) {
      byId('profile-reload').hidden = error.status !== 412;
      showError(error, 'save-profile');
    }
  });
});

byId('profile-reload').addEventListener('click', async () => {
  await loadProfile();
  clearMessages();
});

// ---- sessions

function sessionItem(session) {
  const current = session.current === true;
  return h('li', { class: current ? 'session current' : 'session', 'data-testid': 'session-row', dataset: { sessionId: String(session.id), current: String(current) } },
    h('div', {},
      h('strong', {}, String(session.userAgent || 'Unknown device')),
      current ? h('span', { class: 'badge badge-current', 'data-testid': 'session-current' }, 'this device') : null,
      h('p', { class: 'meta' }, `Signed in ${formatInstant(session.createdAt)}, last used ${formatInstant(session.lastUsedAt)}`)),
    current
      ? h('span', { class: 'hint' }, 'Use “Log out” to end this one.')
      : h('button', { type: 'button', class: 'secondary', 'data-testid': 'session-revoke', onclick: (event) => revokeSession(session.id, event.currentTarget) }, 'Sign out this device'));
}

async function loadSessions() {
  try {
    const sessions = await client.listSessions();
    byId('sessions-list').replaceChildren(...(Array.isArray(sessions) ? sessions : []).map(sessionItem));
  } catch (error) {
    showError(error, 'list-sessions');
  }
}

async function revokeSession(id, button) {
  await busy(button, async () => {
    try {
      await client.revokeSession(id);
      showMessage('success', 'Device signed out.');
      await loadSessions();
    } catch (error) {
      showError(error, 'revoke-session');
    }
  });
}

byId('sessions-refresh').addEventListener('click', () => loadSessions());

resetOrderForm();

// A reload or a new tab: the HttpOnly cookie may still hold a refresh token. The login forms
// stay hidden until that one silent refresh has answered, so they do not flash up first.
client.resume().then((signedIn) => {
  if (!signedIn) {
    byId('auth-section').hidden = false;
    byId('login-username').focus();
  }
});
