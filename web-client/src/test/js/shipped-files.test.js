// Checks on the files the gateway serves: what its CSP would block, what would leak tokens or
// turn data into markup, and that every reference between the files resolves.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { APP_DIR, MODULE_DIR, RESOURCES_DIR } from './support.js';

const read = (path) => readFileSync(path, 'utf8');
const html = read(join(RESOURCES_DIR, 'index.html'));
const scripts = readdirSync(APP_DIR).filter((name) => name.endsWith('.js')).map((name) => ({ name, source: read(join(APP_DIR, name)) }));
const css = read(join(APP_DIR, 'styles.css'));
const allSource = scripts.map((script) => script.source).join('\n');
const tags = [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:=(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)]
  .map(([, tag, attributes]) => ({ tag: tag.toLowerCase(), attributes: Object.fromEntries([...attributes.matchAll(/([^\s=]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)].map(([, name, a, b, c]) => [name.toLowerCase(), a ?? b ?? c ?? ''])) }));
const ids = tags.map((t) => t.attributes.id).filter(Boolean);

describe('shipped files', () => {
  it('ship only the page at the root and everything else under /app/, as the gateway permits', () => {
    assert.deepEqual(readdirSync(RESOURCES_DIR).sort(), ['app', 'index.html']);
  });

  it('have no inline script, only module scripts by relative URL', () => {
    const scriptTags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.equal(scriptTags.length, 1);
    for (const [, attributes, body] of scriptTags) {
      assert.match(attributes, /type="module"/);
      assert.match(attributes, /src="app\/[\w-]+\.js"/);
      assert.equal(body.trim(), '');
    }
  });

  it('have no inline style, event handler attribute or javascript: URL in the page', () => {
    assert.doesNotMatch(html, /<style\b/i);
    for (const { tag, attributes } of tags) {
      assert.equal(attributes.style, undefined, `style attribute on <${tag}>`);
      for (const name of Object.keys(attributes)) {
        assert.doesNotMatch(name, /^on/, `${name} on <${tag}>`);
      }
    }
    assert.doesNotMatch(html, /javascript:/i);
  });

  it('load nothing from another origin', () => {
    for (const { tag, attributes } of tags) {
      for (const name of ['src', 'href', 'action']) {
        const value = attributes[name];
        if (value !== undefined) {
          assert.doesNotMatch(value, /^(?:[a-z][\w+.-]*:|\/\/)/i, `${name}="${value}" on <${tag}>`);
        }
      }
    }
    assert.doesNotMatch(css, /url\(|@import/);
    assert.doesNotMatch(allSource, /https?:\/\//);
  });

  it('never turn strings into markup or code', () => {
    for (const { name, source } of scripts) {
      for (const sink of [/innerHTML/, /outerHTML/, /insertAdjacentHTML/, /document\.write/, /\beval\(/, /new Function/, /createContextualFragment/, /DOMParser/, /setAttribute\(\s*['"`](?:style|on)/, /\.style\b/, /srcdoc/]) {
        assert.doesNotMatch(source, sink, `${name} uses ${sink}`);
      }
      assert.doesNotMatch(source, /setTimeout\(\s*['"`]/, `${name} passes a string to setTimeout`);
    }
  });

  it('never store tokens where scripts or other pages could read them later', () => {
    for (const { name, source } of scripts) {
      for (const store of [/localStorage/, /sessionStorage/, /document\.cookie/, /caches\./, /history\.(?:push|replace)State/, /location\.hash\s*=/]) {
        assert.doesNotMatch(source, store, `${name} uses ${store}`);
      }
    }
  });

  it('use IndexedDB only for the DPoP key pair, in a module that imports nothing and is given nothing but a key pair', () => {
    assert.deepEqual(scripts.filter(({ source }) => /indexedDB/.test(source)).map(({ name }) => name), ['dpop-keys.js']);
    const keys = scripts.find(({ name }) => name === 'dpop-keys.js').source;
    assert.doesNotMatch(keys, /\bimport\b/);
    assert.deepEqual([...keys.matchAll(/\(store\) => store\.(\w+)\(([^)]*)\)/g)].map((m) => `${m[1]}(${m[2]})`), ['get(KEY_ID)', 'add(keyPair, KEY_ID)']);
    assert.match(keys, /generateKey\([^)]*\}, false,/, 'the private key is generated non-extractable');
  });

  it('resolve every relative module import', () => {
    for (const { name, source } of scripts) {
      for (const [, target] of source.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)) {
        assert.match(target, /^\.\/[\w-]+\.js$/, `${name} imports ${target}`);
        assert.ok(existsSync(join(APP_DIR, target)), `${name} imports missing ${target}`);
      }
    }
    for (const { attributes } of tags.filter((t) => t.attributes.src || (t.tag === 'link' && t.attributes.href))) {
      const target = attributes.src ?? attributes.href;
      assert.ok(existsSync(join(RESOURCES_DIR, target)), `index.html references missing ${target}`);
    }
  });

  it('have unique ids, labels for existing fields and tabs that control existing panels', () => {
    assert.equal(new Set(ids).size, ids.length, 'duplicate id');
    for (const { attributes } of tags.filter((t) => t.tag === 'label')) {
      assert.ok(ids.includes(attributes.for), `label for missing #${attributes.for}`);
    }
    for (const { attributes } of tags.filter((t) => t.attributes.role === 'tab')) {
      assert.ok(ids.includes(attributes['aria-controls']), `tab controls missing #${attributes['aria-controls']}`);
    }
    for (const { tag, attributes } of tags.filter((t) => t.tag === 'input' || t.tag === 'textarea')) {
      const labelled = attributes['aria-label'] || tags.some((t) => t.tag === 'label' && t.attributes.for === attributes.id);
      assert.ok(labelled, `<${tag} id="${attributes.id}"> has no label`);
    }
  });

  it('only look up elements that exist in the page', () => {
    for (const { name, source } of scripts) {
      for (const [, id] of source.matchAll(/byId\('([^']+)'\)/g)) {
        assert.ok(ids.includes(id), `${name} looks up missing #${id}`);
      }
      for (const [, list] of source.matchAll(/for \(const id of \[([^\]]+)\]\)/g)) {
        for (const [, id] of list.matchAll(/'([^']+)'/g)) {
          assert.ok(ids.includes(id), `${name} looks up missing #${id}`);
        }
      }
    }
  });

  it('have every selector the browser test plan names', () => {
    const plan = read(join(MODULE_DIR, 'BROWSER-TEST.md'));
    const testIds = new Set([...html.matchAll(/data-testid="([^"]+)"/g), ...allSource.matchAll(/'data-testid': `?'?([\w-]+)/g)].map((m) => m[1]));
    testIds.add('message-success').add('message-error');
    const named = [...plan.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const selectorIds = named.flatMap((text) => [...text.matchAll(/(?:^|[\s,])#([\w-]+)/g)].map((m) => m[1]));
    const selectorTestIds = named.flatMap((text) => [...text.matchAll(/data-testid="([\w-]+)"/g)].map((m) => m[1]));
    assert.ok(selectorIds.length > 40 && selectorTestIds.length > 10, relative(MODULE_DIR, 'BROWSER-TEST.md'));
    for (const id of selectorIds) {
      assert.ok(ids.includes(id), `BROWSER-TEST.md names missing #${id}`);
    }
    for (const testId of selectorTestIds) {
      assert.ok(testIds.has(testId), `BROWSER-TEST.md names missing data-testid ${testId}`);
    }
  });
});
