// The examples must cover the whole public API; the .http file must be runnable top to bottom.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MODULE_DIR } from './support.js';

const examples = join(MODULE_DIR, '..', 'examples');
const http = readFileSync(join(examples, 'edgepass.http'), 'utf8');
const environments = JSON.parse(readFileSync(join(examples, 'http-client.env.json'), 'utf8'));
const shell = readFileSync(join(examples, 'walkthrough.sh'), 'utf8');

const CONTRACT = [
  'POST /auth/register', 'POST /auth/login', 'POST /auth/refresh', 'POST /auth/logout', 'POST /auth/logout-all',
  'GET /auth/sessions', 'DELETE /auth/sessions/{id}', 'GET /.well-known/jwks.json', 'GET /.well-known/oauth-authorization-server',
  'POST /auth/admin/keys/rotate', 'POST /auth/admin/users/{id}/disable',
  'POST /orders', 'GET /orders', 'GET /orders/{id}', 'POST /orders/{id}/cancel',
  'GET /profiles/me', 'PUT /profiles/me', 'GET /profiles/{id}',
];

/** "GET /orders/{id}" from a concrete or templated path. */
function endpoint(method, path) {
  const template = path.split('?')[0]
    .replace(/\{\{\w+\}\}|\$[A-Z_]+|"\$[A-Z_]+"|[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}')
    .replace(/\/(?!me$)[^/]*\{id\}[^/]*/g, '/{id}');
  return `${method} ${template}`;
}

const blocks = http.split(/^### /m).slice(1).map((block) => {
  const lines = block.split('\n');
  const request = lines.find((line) => /^(GET|POST|PUT|DELETE|PATCH) /.test(line));
  const handler = /^> \{%\n([\s\S]*?)\n%\}/m.exec(block)?.[1] ?? null;
  return { title: lines[0], block, request, handler };
});

describe('examples/edgepass.http', () => {
  it('has a request and a status-checking response handler in every block', () => {
    assert.ok(blocks.length > 30);
    for (const { title, request, handler } of blocks) {
      assert.match(request ?? '', /^(GET|POST|PUT|DELETE) \{\{baseUrl\}\}\//, title);
      assert.ok(handler, `${title}: no response handler`);
      assert.match(handler, /client\.test\(/, title);
      assert.match(handler, /response\.status === \d{3}/, title);
      assert.doesNotThrow(() => new Function('client', 'response', handler), `${title}: handler is not valid JavaScript`);
    }
  });

  it('sets every variable before a request uses it', () => {
    const inFile = [...http.matchAll(/^@(\w+) = /gm)].map((m) => m[1]);
    const defined = new Set([...Object.keys(environments.local), ...inFile]);
    for (const { title, block, handler } of blocks) {
      const request = block.slice(0, block.indexOf('> {%'));
      for (const [, name] of request.matchAll(/\{\{(\w+)\}\}/g)) {
        assert.ok(defined.has(name), `${title} uses {{${name}}} before it is set`);
      }
      for (const [, name] of (handler ?? '').matchAll(/client\.global\.set\("(\w+)"/g)) {
        defined.add(name);
      }
    }
  });
});

describe('the examples', () => {
  it('cover every endpoint of the public API', () => {
    const inHttp = new Set(blocks.map(({ request }) => endpoint(...request.replace('{{baseUrl}}', '').split(' '))));
    const inShell = new Set([...shell.matchAll(/^\s*call(?:_json)? \d{3} (GET|POST|PUT|DELETE) ['"]?([^'"\s]+)/gm)].map(([, method, path]) => endpoint(method, path)));
    for (const expected of CONTRACT) {
      assert.ok(inHttp.has(expected), `edgepass.http misses ${expected} (has ${[...inHttp].join(', ')})`);
      assert.ok(inShell.has(expected), `walkthrough.sh misses ${expected} (has ${[...inShell].join(', ')})`);
    }
  });
});
