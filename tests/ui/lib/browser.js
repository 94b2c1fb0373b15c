// Launches Debian's Chromium through playwright-core with a fresh profile
// and opens the app with the mock backend (and axe-core) injected.
import {chromium} from 'playwright-core';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';
import {startServer} from './server.js';

const require = createRequire(import.meta.url);
const MOCK = fileURLToPath(new URL('../mock/', import.meta.url));

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** Starts the server and a browser; returns helpers and a close(). */
export async function launch({extraArgs = []} = {}) {
  const server = await startServer();
  const profile = await mkdtemp(join(tmpdir(), 'tenet-ui-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, ...extraArgs],
    viewport: {width: 1280, height: 900},
    reducedMotion: 'reduce',
  });
  const [fixtures, mock, axe] = await Promise.all([
    readFile(join(MOCK, 'fixtures.js'), 'utf8'),
    readFile(join(MOCK, 'tauri.js'), 'utf8'),
    readFile(require.resolve('axe-core/axe.min.js'), 'utf8'),
  ]);

  /**
   * Opens the app at `hash` with the mock configured by `config` (theme,
   * projects: 'none', shortcuts: false, …). Resolves when the first view is on screen.
   */
  async function open(hash = '#/', config = {}, {width = 1280, height = 900} = {}) {
    const page = await context.newPage();
    await page.setViewportSize({width, height});
    page.errors = [];
    page.dialogs = [];
    page.on('pageerror', (error) => page.errors.push(error));
    page.on('console', (message) => {
      if (message.type() === 'error') page.errors.push(new Error(message.text()));
    });
    page.on('dialog', (dialog) => {
      page.dialogs.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
    await page.addInitScript(`window.__TENET_MOCK_CONFIG__ = ${JSON.stringify(config)};`);
    await page.addInitScript(fixtures);
    await page.addInitScript(mock);
    await page.addInitScript(axe);
    await page.goto(`${server.origin}/index.html${hash}`);
    await page.waitForSelector('html[data-ready="true"]', {state: 'attached', timeout: 10000}).catch((error) => {
      throw new Error(`${error.message}\nPage errors: ${page.errors.map(String).join('\n')}`);
    });
    return page;
  }

  return {
    server,
    context,
    open,
    async close() {
      await context.close();
      await server.close();
      await rm(profile, {recursive: true, force: true});
    },
  };
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core in the page; returns its violations in a readable form. */
export async function axeViolations(page) {
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.map((violation) => ({
      id: violation.id, impact: violation.impact, help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')} — ${node.failureSummary}`),
    }));
  }, AXE_TAGS);
  return violations;
}

export function describeViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n');
}

/** The element that has focus, described for assertions. */
export function focused(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element) return null;
    return {
      tag: element.tagName.toLowerCase(), id: element.id, role: element.getAttribute('role'),
      text: (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 120),
      name: element.getAttribute('aria-label') ?? element.getAttribute('name'),
      className: element.className, type: element.getAttribute('type'), value: element.value,
    };
  });
}
