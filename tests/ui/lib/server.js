// A tiny static server for ui/ on 127.0.0.1 (random port) with the strict
// CSP the app uses. It also serves the mock backend under /__mock__/ and a
// page variant, /mock.html, that loads the mock by <script src> before the
// app — for Lighthouse, which can only load a URL. ui/ itself never
// contains mock code.
import {createServer} from 'node:http';
import {readFile} from 'node:fs/promises';
import {extname, join, normalize, resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const UI_ROOT = resolve(here, '../../../ui');
const MOCK_ROOT = resolve(here, '../mock');

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ipc: http://ipc.localhost",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
};

function inside(root, path) {
  const full = normalize(join(root, path));
  return full === root || full.startsWith(root + sep) ? full : null;
}

async function mockPage() {
  const html = await readFile(join(UI_ROOT, 'index.html'), 'utf8');
  const tags = '<script src="/__mock__/fixtures.js"></script>\n  <script src="/__mock__/tauri.js"></script>\n  ';
  const marker = '<script type="module"';
  if (!html.includes(marker)) throw new Error('ui/index.html has no module script to put the mock before');
  return html.replace(marker, tags + marker);
}

export async function startServer() {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    try {
      let body;
      let file;
      if (path === '/mock.html') {
        body = await mockPage();
        file = 'mock.html';
      } else if (path.startsWith('/__mock__/')) {
        file = inside(MOCK_ROOT, path.slice('/__mock__/'.length));
      } else {
        if (path.endsWith('/')) path += 'index.html';
        file = inside(UI_ROOT, path);
      }
      if (!file) throw Object.assign(new Error('outside'), {code: 'ENOENT'});
      body ??= await readFile(file);
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      response.end(body);
    } catch (error) {
      response.writeHead(error.code === 'ENOENT' || error.code === 'EISDIR' ? 404 : 500, {'Content-Type': 'text/plain'});
      response.end(error.code === 'ENOENT' ? 'Not found' : String(error));
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const {port} = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(done)),
  };
}
