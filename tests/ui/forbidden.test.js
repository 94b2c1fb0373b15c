// Static checks over ui/: no markup-parsing DOM APIs, one module touching
// Tauri, no inline scripts, styles or handlers, no external resources.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdir, readFile} from 'node:fs/promises';
import {join, relative} from 'node:path';
import {UI_ROOT} from './lib/server.js';

async function files(dir) {
  const entries = await readdir(dir, {withFileTypes: true});
  const nested = await Promise.all(entries.map((entry) =>
    (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)])));
  return nested.flat();
}

const sources = async () => {
  const all = await files(UI_ROOT);
  return Promise.all(all.filter((file) => /\.(js|html|css)$/.test(file))
    .map(async (file) => ({file: relative(UI_ROOT, file), text: await readFile(file, 'utf8')})));
};

test('no innerHTML, outerHTML, insertAdjacentHTML or document.write anywhere in ui/', async () => {
  const forbidden = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write(ln)?|createContextualFragment|DOMParser)\b/;
  const hits = (await sources()).flatMap(({file, text}) =>
    text.split('\n').map((line, i) => [file, i + 1, line]).filter(([, , line]) => forbidden.test(line)));
  assert.deepEqual(hits, [], `forbidden DOM APIs:\n${hits.map((hit) => hit.join(':')).join('\n')}`);
});

test('no eval, new Function or string timers in ui/', async () => {
  const hits = (await sources()).filter(({text}) => /\beval\(|new Function\(|setTimeout\(\s*['"`]/.test(text));
  assert.deepEqual(hits.map((hit) => hit.file), []);
});

test('only ui/js/api.js touches window.__TAURI__', async () => {
  const users = (await sources()).filter(({text}) => text.includes('__TAURI__')).map(({file}) => file);
  assert.deepEqual(users, ['js/api.js']);
});

test('index.html has no inline script, style, event handler or external resource', async () => {
  const html = await readFile(join(UI_ROOT, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'inline <script>');
  assert.doesNotMatch(html, /<style\b/, 'inline <style>');
  assert.doesNotMatch(html, /\sstyle=/, 'style= attribute');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'inline event handler');
  assert.match(html, /<script type="module" src="js\/main\.js"><\/script>/);
});

test('no external resources (fonts, CDNs, remote URLs) in ui/', async () => {
  const hits = (await sources()).filter(({text}) =>
    /(https?:)?\/\/(?!www\.w3\.org\/2000\/svg)[a-z0-9.-]+\.[a-z]{2,}\//i.test(text.replace(/^\s*\/\/.*$/gm, '')));
  assert.deepEqual(hits.map((hit) => hit.file), []);
});

test('no inline style attributes set from script (only CSSOM properties)', async () => {
  const hits = (await sources()).filter(({file, text}) => file.endsWith('.js')
    && /setAttribute\(\s*['"]style['"]|\{\s*style:/.test(text));
  assert.deepEqual(hits.map((hit) => hit.file), []);
});
