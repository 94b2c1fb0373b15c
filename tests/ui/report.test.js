// The exported HTML compliance report, as a reader's browser opens it:
// made by the real `tenet` binary from two scans of a project whose file
// names are hostile, then audited by axe-core (WCAG 2.0–2.2 A/AA) and
// Lighthouse (accessibility 100), checked for network requests, script
// execution and its print layout.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {createServer} from 'node:http';
import {cp, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';
import lighthouse, {desktopConfig} from 'lighthouse';
import {ARTIFACTS, AXE_TAGS, CHROMIUM, FLAGS, describeViolations} from './lib/browser.js';

const require = createRequire(import.meta.url);
const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const TENET = process.env.TENET_BIN ?? join(REPO, 'target/debug/tenet');
const HOSTILE_NAME = '<img src=x onerror=alert(1)>.py';

let work;
let server;
let origin;
let context;
let axeSource;

function tenet(args) {
  return execFileSync(TENET, args, {
    encoding: 'utf8',
    // No GPU in CI: the charts come as SVG either way; keep runs alike.
    env: {...process.env, TENET_DB: join(work, 'history.db'), TENET_CHARTS_BACKEND: 'svg'},
  });
}

before(async () => {
  assert.ok(existsSync(TENET), `${TENET} is missing: build it with cargo build -p tenet-cli (make test does)`);
  work = await mkdtemp(join(tmpdir(), 'tenet-report-'));
  const project = join(work, 'sample');
  await cp(join(REPO, 'examples/sample'), project, {recursive: true});
  tenet(['scan', project, '--fail-on', 'never']);
  await writeFile(join(project, HOSTILE_NAME),
    'import asyncio\nasync def main():\n    await asyncio.gather(a(), b())  # </script><script>alert(1)</script>\n');
  tenet(['scan', project, '--fail-on', 'never']);
  tenet(['report', project, '--format', 'html', '--output', join(work, 'report.html')]);
  const html = await readFile(join(work, 'report.html'));
  server = createServer((request, response) => {
    if (request.url === '/report.html') {
      response.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end(html);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${server.address().port}`;
  const profile = join(work, 'profile');
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: {width: 1280, height: 900},
  });
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await mkdir(ARTIFACTS, {recursive: true});
});

after(async () => {
  await context?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
  if (work) await rm(work, {recursive: true, force: true});
});

/** Opens the report, recording requests, dialogs and errors. */
async function openReport() {
  const page = await context.newPage();
  page.requests = [];
  page.dialogs = [];
  page.errors = [];
  page.on('request', (request) => page.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    page.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => page.errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') page.errors.push(message.text());
  });
  await page.addInitScript(axeSource);
  await page.goto(`${origin}/report.html`);
  await page.waitForLoadState('load');
  return page;
}

describe('HTML compliance report', () => {
  test('axe-core finds no WCAG A/AA violation, with every data table open too', async () => {
    const page = await openReport();
    try {
      await page.screenshot({path: `${ARTIFACTS}report.png`, fullPage: false});
      const run = () => page.evaluate(async (tags) => {
        const result = await window.axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary}`)}));
      }, AXE_TAGS);
      let violations = await run();
      assert.equal(violations.length, 0, describeViolations(violations));
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      violations = await run();
      assert.equal(violations.length, 0, describeViolations(violations));
    } finally {
      await page.close();
    }
  });

  test('loads nothing from anywhere, runs no script, and shows hostile names as text', async () => {
    const page = await openReport();
    try {
      const outside = page.requests.filter((url) => url !== `${origin}/report.html` && !url.startsWith('data:'));
      assert.deepEqual(outside, []);
      assert.deepEqual(page.dialogs, [], 'no alert() ran');
      assert.deepEqual(page.errors, [], 'no CSP violation or error');
      assert.equal(await page.locator('script').count(), 0);
      const images = await page.locator('img').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('src').slice(0, 15)));
      assert.ok(images.length >= 2, 'the trend and checklist charts');
      for (const src of images) assert.ok(src.startsWith('data:image/'), src);
      assert.ok(await page.getByText(HOSTILE_NAME, {exact: false}).count() > 0, 'the name is shown as text');
      // Keyboard: the skip link is the first stop and leads to the summary.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to the summary');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => location.hash), '#summary');
    } finally {
      await page.close();
    }
  });

  test('prints without navigation, each section from a new page', async () => {
    const page = await openReport();
    try {
      await page.emulateMedia({media: 'print'});
      assert.equal(await page.locator('nav').evaluate((n) => getComputedStyle(n).display), 'none');
      assert.equal(await page.locator('h2#checklist').evaluate((n) => getComputedStyle(n).breakBefore), 'page');
      const pdf = await page.pdf({format: 'A4'});
      assert.ok(pdf.length > 10000, 'the browser prints it');
    } finally {
      await page.close();
    }
  });

  test('Lighthouse accessibility scores 100', async () => {
    const profile = join(work, 'lighthouse-profile');
    const chrome = spawn(CHROMIUM, [...FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
      {stdio: 'ignore'});
    process.once('exit', () => chrome.kill());
    try {
      let port;
      for (let i = 0; i < 200 && !port; i += 1) {
        try {
          port = Number((await readFile(join(profile, 'DevToolsActivePort'), 'utf8')).split('\n')[0]) || undefined;
        } catch {
          await new Promise((done) => setTimeout(done, 50));
        }
      }
      assert.ok(port, 'Chromium opened its debugging port');
      const result = await lighthouse(`${origin}/report.html`,
        {port, output: 'json', logLevel: 'error', onlyCategories: ['accessibility']}, desktopConfig);
      const category = result.lhr.categories.accessibility;
      const failing = category.auditRefs
        .map((ref) => result.lhr.audits[ref.id])
        .filter((audit) => audit.score !== null && audit.score < 1)
        .map((audit) => `${audit.id}: ${audit.title}`);
      assert.equal(result.lhr.runtimeError, undefined, JSON.stringify(result.lhr.runtimeError));
      assert.equal(category.score, 1, `score ${category.score * 100}: ${failing.join('\n')}`);
    } finally {
      chrome.kill();
      await new Promise((done) => (chrome.exitCode === null ? chrome.once('exit', done) : done()));
    }
  });
});
