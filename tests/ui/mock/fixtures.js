// Test-only fixture data for the mock backend (tests/ui/mock/tauri.js).
// A classic script: it is injected before the app (Playwright's
// addInitScript, or a <script src> in the test server's page variant).
(function defineFixtures() {
  'use strict';

  const ITEMS = [
    ['async-taskgroups', 'Async uses AnyIO TaskGroups', null],
    ['bounded-buffers', 'Buffers are bounded', null],
    ['explicit-cleanup', 'Explicit cleanup methods', null],
    ['dependency-injection', 'Dependency injection over globals', null],
    ['memory-profiling', 'Memory profiling in tests (tracemalloc)', null],
    ['performance-comments', 'Performance impact comments', 'Do comments explain the performance impact of hot paths and caches?'],
    ['memory-limits', 'Hard memory limits (<10MB per session)', 'Is each session held under 10 MB, measured?'],
    ['torch-free', 'Torch-free', null],
    ['accessibility', 'Accessibility (WCAG 2.2 AA)', 'Does every page score Lighthouse 95 or more?'],
    ['permissions', 'Permissions', null],
    ['async-testing', 'Async testing', null],
    ['error-handling', 'Error handling and logging', null],
    ['clarity', 'Clarity', 'Are the names meaningful?'],
  ].map(([id, title, reviewPart]) => ({id, title, review_part: reviewPart}));

  // [code, severity, item, name, message]
  const RULES = [
    ['ASY001', 'error', 'async-taskgroups', 'asyncio.gather', 'Call of `asyncio.gather`: use an AnyIO task group'],
    ['ASY002', 'error', 'async-taskgroups', 'Unstructured task', 'Call of `asyncio.create_task`: the task can outlive its scope'],
    ['ASY003', 'error', 'async-taskgroups', 'asyncio.wait', 'Call of `asyncio.wait`: use a task group or `wait_for`'],
    ['ASY004', 'error', 'async-taskgroups', 'Thread lock in async code', '`threading.Lock` acquired inside `async def` blocks the event loop'],
    ['ASY005', 'warning', 'async-taskgroups', 'Structured concurrency that is not AnyIO', '`asyncio.TaskGroup`: use `anyio.create_task_group`'],
    ['MEM001', 'error', 'bounded-buffers', 'Unbounded deque', '`collections.deque()` without `maxlen` grows without bound'],
    ['MEM002', 'error', 'bounded-buffers', 'Unbounded queue', '`asyncio.Queue()` without `maxsize` grows without bound'],
    ['MEM003', 'warning', 'explicit-cleanup', 'Resource without cleanup', 'Class stores `open(...)` on `self` and defines no `close`'],
    ['MEM004', 'warning', 'bounded-buffers', 'Unbounded memo cache', '`functools.cache` keeps every result: use `lru_cache(maxsize=…)`'],
    ['DI001', 'warning', 'dependency-injection', 'global statement', '`global` statement inside a function: pass the value in'],
    ['DI002', 'warning', 'dependency-injection', 'Mutated module state', 'Module-level list `_registry` is mutated by `register()`'],
    ['TRC001', 'error', 'torch-free', 'Banned import', 'Import of `torch`: the project must stay torch-free'],
    ['TRC002', 'error', 'torch-free', 'Banned dependency', 'Dependency on `torch` declared'],
    ['A11Y001', 'error', 'accessibility', 'Image without alt', '<img> without alt text: add `alt`, empty if decorative'],
    ['A11Y002', 'error', 'accessibility', 'Document without lang', '<html> without a `lang` attribute'],
    ['A11Y003', 'error', 'accessibility', 'Unlabelled control', '<input type="text"> has no label'],
    ['A11Y004', 'error', 'accessibility', 'Nameless button or link', '<button> has no accessible name'],
    ['A11Y006', 'warning', 'accessibility', 'Positive tabindex', '`tabindex="3"` changes the focus order'],
    ['A11Y011', 'error', 'accessibility', 'Low text contrast', 'Text contrast 3.1:1 is below 4.5:1 (#777777 on #ffffff)'],
    ['TST001', 'warning', 'memory-profiling', 'Tests without tracemalloc', 'No test imports `tracemalloc`'],
    ['TST002', 'warning', 'async-testing', 'Async tests without a runner', '`async def test_fetch` has no asyncio mode or AnyIO marker'],
    ['PRM001', 'error', 'permissions', 'World-writable file', 'Writable by others (mode 0o666)'],
    ['PRM002', 'error', 'permissions', 'Readable secret', '`.env` is readable by group or others (mode 0o644)'],
    ['QLT001', 'warning', 'error-handling', 'Swallowed error', 'Bare `except:` swallows the error'],
    ['QLT002', 'info', 'error-handling', 'print in library code', '`print(...)` in library code: use logging'],
    ['QLT003', 'info', 'clarity', 'Complex function without comments', 'Function `reconcile` has complexity 14 and no comment'],
    ['SYN001', 'error', null, 'File could not be parsed', 'Parse error: expected an indented block at line 3, column 1'],
  ].map(([code, severity, item, name, message]) => ({code, severity, item, name, message}));

  const itemTitle = (id) => ITEMS.find((item) => item.id === id)?.title ?? null;

  function ruleSummary(rule) {
    return {
      code: rule.code, name: rule.name, severity: rule.severity,
      item: rule.item, item_title: itemTitle(rule.item),
      summary: `${rule.name}: ${rule.message.replace(/`/g, '')}.`,
    };
  }

  function ruleDoc(rule) {
    return {
      ...ruleSummary(rule),
      blocks: [
        {kind: 'heading', text: 'Why it matters'},
        {kind: 'paragraph', text: `The standard asks for this because ${rule.name.toLowerCase()} makes a service harder to reason about under load: memory, time and failure stop being bounded.`},
        {kind: 'heading', text: 'Bad'},
        {kind: 'code', text: 'import asyncio\n\nasync def main():\n    await asyncio.gather(fetch(a), fetch(b))'},
        {kind: 'heading', text: 'Good'},
        {kind: 'code', text: 'import anyio\n\nasync def main():\n    async with anyio.create_task_group() as tg:\n        tg.start_soon(fetch, a)\n        tg.start_soon(fetch, b)'},
        {kind: 'heading', text: 'How to fix'},
        {kind: 'list', items: ['Replace the call with its bounded or structured equivalent.', 'If the finding is intended, suppress it with `# noqa: ' + rule.code + ' -- reason` on its line.']},
      ],
    };
  }

  const svgDataUri = (svg) => `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;

  /** A small bar or line chart as SVG, with alt text and its data table. */
  function chart({title, alt, columns, rows, kind = 'line'}) {
    const width = 640;
    const height = 260;
    const values = rows.map((row) => Number(row[1]) || 0);
    const max = Math.max(1, ...values);
    let marks = '';
    if (kind === 'line') {
      const step = (width - 80) / Math.max(1, values.length - 1);
      const points = values.map((value, i) => `${40 + i * step},${220 - (value / max) * 180}`);
      marks = `<polyline fill="none" stroke="#0550ae" stroke-width="2.5" points="${points.join(' ')}"/>`
        + points.map((point) => `<circle r="3" fill="#0550ae" cx="${point.split(',')[0]}" cy="${point.split(',')[1]}"/>`).join('');
    } else {
      const barWidth = (width - 80) / values.length;
      marks = values.map((value, i) => {
        const barHeight = (value / max) * 180;
        return `<rect x="${40 + i * barWidth + 4}" y="${220 - barHeight}" width="${barWidth - 8}" height="${barHeight}" fill="#0550ae"/>`;
      }).join('');
    }
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`
      + `<rect width="${width}" height="${height}" fill="#ffffff"/>`
      + `<line x1="40" y1="220" x2="${width - 40}" y2="220" stroke="#59636e"/>`
      + `<line x1="40" y1="30" x2="40" y2="220" stroke="#59636e"/>`
      + `<text x="40" y="20" font-family="sans-serif" font-size="13" fill="#1f2328">${title}</text>`
      + `${marks}</svg>`;
    return {
      image: svgDataUri(svg), width, height, title, alt, renderer: 'svg fallback',
      table: {caption: title, columns, rows},
    };
  }

  const EXPORT_FORMATS = [
    {id: 'html', label: 'HTML report', extension: 'html'},
    {id: 'pdf', label: 'PDF report', extension: 'pdf'},
    {id: 'sarif', label: 'SARIF 2.1.0 (code scanning)', extension: 'sarif'},
    {id: 'json', label: 'JSON', extension: 'json'},
    {id: 'csv', label: 'CSV', extension: 'csv'},
    {id: 'md', label: 'Markdown', extension: 'md'},
    {id: 'junit', label: 'JUnit XML', extension: 'xml'},
  ];

  const APP_INFO = {
    name: 'Tenet', version: '0.4.0', engine: 'tenet-engine 0.4.0 (standard 1.2)',
    database: '/home/ana/.local/share/tenet/tenet.db', chart_renderer: 'svg fallback',
    settings_file: '/home/ana/.config/tenet/settings.json',
  };

  const XSS_NAME = 'web/<img src=x onerror=alert(1)>.html';
  const HTML_MESSAGE = '<b>bold</b> <script>alert("message")</script> <img> without alt';

  globalThis.TenetFixtures = {ITEMS, RULES, ruleSummary, ruleDoc, chart, EXPORT_FORMATS, APP_INFO, XSS_NAME, HTML_MESSAGE, itemTitle};
})();
