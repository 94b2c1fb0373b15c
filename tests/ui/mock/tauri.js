// Test-only mock of window.__TAURI__ (core.invoke, core.Channel,
// event.listen) answering every command of ui/API.md from fixtures.
// Configuration: window.__TENET_MOCK_CONFIG__ (set before this script) or
// the page's query string: ?theme=dark&projects=none&shortcuts=off.
// Tests inspect and drive it through window.__TENET_MOCK__.
(function installMockTauri() {
  'use strict';
  const F = globalThis.TenetFixtures;
  const query = new URLSearchParams(location.search);
  const config = {
    theme: query.get('theme') ?? 'light',
    projects: query.get('projects') ?? 'some',
    shortcuts: query.get('shortcuts') !== 'off',
    scanStepMs: 60,
    addProject: 'new',
    ...(globalThis.__TENET_MOCK_CONFIG__ ?? {}),
  };

  const BASE = Date.parse('2026-11-27T09:40:00Z');
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const clone = (value) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));
  const fail = (kind, message) => { throw {kind, message}; };
  const need = (args, ...names) => {
    for (const name of names) {
      if (!args || !(name in args)) fail('invalid', `The command is missing its \`${name}\` argument.`);
    }
  };

  /** A small deterministic random generator (LCG), so runs are repeatable. */
  function random(seed) {
    let value = seed >>> 0;
    return () => {
      value = (Math.imul(value, 1664525) + 1013904223) >>> 0;
      return value / 4294967296;
    };
  }

  // ---- Projects and their scans ----------------------------------------
  const projectSpecs = [
    {id: 1, name: 'acme-api', root: '/home/ana/src/acme-api', scans: 100, findings: 100000, seed: 7,
      rules: ['ASY001', 'ASY002', 'ASY005', 'MEM001', 'MEM002', 'MEM003', 'MEM004', 'DI001', 'DI002', 'QLT001', 'QLT002', 'QLT003', 'TST001', 'SYN001']},
    {id: 2, name: 'web-ui', root: '/home/ana/src/web-ui', scans: 12, findings: 240, seed: 11, xss: true,
      rules: ['A11Y001', 'A11Y002', 'A11Y003', 'A11Y004', 'A11Y006', 'A11Y011', 'QLT002']},
    {id: 3, name: 'ml-lab', root: '/home/ana/src/ml-lab', scans: 0, findings: 0, seed: 3, rules: ['TRC001', 'TRC002']},
    {id: 4, name: 'broken-config', root: '/home/ana/src/broken-config', scans: 3, findings: 30, seed: 5,
      rules: ['QLT001', 'QLT002'], badConfig: true},
  ];
  const newProjectSpec = {id: 5, name: 'new-service', root: '/home/ana/src/new-service', scans: 0, findings: 60, seed: 17,
    rules: ['MEM001', 'MEM002', 'DI001', 'QLT002', 'ASY005']};
  const sampleSpec = {id: 6, name: 'sample', root: '/usr/share/tenet/examples/sample', scans: 1, findings: 42, seed: 23,
    rules: ['ASY001', 'MEM001', 'TRC001', 'A11Y001', 'QLT001']};

  const projects = new Map();
  function addSpec(spec) {
    const project = {spec, scans: [], reviews: [], findingsCache: null, queryCache: new Map(), scanning: null};
    for (let i = 0; i < spec.scans; i += 1) project.scans.push(makeScan(spec, i, spec.scans));
    if (spec.id === 1) seedReviews(project);
    projects.set(spec.id, project);
    return project;
  }

  function makeScan(spec, index, count) {
    // Older scans had more findings: the trend falls towards `findings`.
    const age = count - 1 - index;
    const findings = Math.round(spec.findings * (1 + age * 0.004) + (age % 3) * 7);
    const error = Math.round(findings * 0.3);
    const warning = Math.round(findings * 0.5);
    return {
      id: spec.id * 1000 + index + 1, at: iso(BASE - age * 86400000 - spec.id * 3600000),
      findings, by_severity: {error, warning, info: findings - error - warning},
      interrupted: spec.id === 1 && index === count - 7,
      commit: index % 2 ? `9f3c${(index * 7919).toString(16).padStart(6, '0')}e21a` : null,
      markers: spec.id === 1 && index === count - 30 ? ['config changed'] : spec.id === 1 && index === count - 60 ? ['engine upgraded'] : [],
    };
  }

  function seedReviews(project) {
    project.reviews.push(
      {item: 'memory-limits', verdict: 'pass', reviewer: 'Ana Souza', at: iso(BASE - 20 * 86400000),
        note: 'Measured 6.2 MB per session with tracemalloc in the soak test.', scan: 1080, stale: true},
      {item: 'accessibility', verdict: 'pass', reviewer: 'Ben Okafor', at: iso(BASE - 3 * 86400000),
        note: 'Lighthouse 98 on the three public pages.', scan: 1097, stale: false},
      {item: 'clarity', verdict: 'pass', reviewer: 'Ana Souza', at: iso(BASE - 2 * 86400000),
        note: '', scan: 1098, stale: false});
  }

  if (config.projects !== 'none') for (const spec of projectSpecs) addSpec(spec);

  function getProject(id) {
    const project = projects.get(Number(id));
    if (!project) fail('not_found', `There is no project with id ${id} in Tenet’s list.`);
    return project;
  }

  function latestScan(project) {
    return project.scans.length ? project.scans[project.scans.length - 1] : null;
  }

  // ---- Findings ----------------------------------------------------------
  const RULE = new Map(F.RULES.map((rule) => [rule.code, rule]));
  const ITEM_ORDER = new Map(F.ITEMS.map((item, index) => [item.id, index]));
  const SEVERITY_ORDER = {error: 0, warning: 1, info: 2};

  function findings(project) {
    if (project.findingsCache) return project.findingsCache;
    const spec = project.spec;
    const count = latestScan(project) ? spec.findings : 0;
    const next = random(spec.seed);
    const folders = ['acme/api', 'acme/core', 'acme/db', 'acme/jobs', 'acme/web', 'scripts', 'tests', 'web/templates'];
    const files = [];
    for (let i = 0; i < Math.max(8, Math.min(2000, Math.ceil(count / 40))); i += 1) {
      const folder = folders[i % folders.length];
      const html = spec.rules.some((code) => code.startsWith('A11Y')) && i % 2 === 0;
      files.push(`${folder}/${html ? 'page' : 'module'}_${String(i).padStart(4, '0')}.${html ? 'html' : 'py'}`);
    }
    const rows = new Array(count);
    for (let i = 0; i < count; i += 1) {
      const rule = RULE.get(spec.rules[Math.floor(next() * spec.rules.length)]);
      const line = 1 + Math.floor(next() * 400);
      rows[i] = {
        id: `p${spec.id}-f${i}`, rule: rule.code, severity: rule.severity,
        path: files[Math.floor(next() * files.length)], line, column: 1 + Math.floor(next() * 40),
        message: rule.message, suppressed: next() < 0.03, item: rule.item,
      };
    }
    if (spec.xss && count > 2) {
      Object.assign(rows[0], {path: F.XSS_NAME, rule: 'A11Y001', severity: 'error', item: 'accessibility', suppressed: false});
      Object.assign(rows[1], {message: F.HTML_MESSAGE, rule: 'A11Y001', severity: 'error', item: 'accessibility', suppressed: false});
    }
    project.findingsCache = rows;
    return rows;
  }

  function groupOf(row, groupBy) {
    if (groupBy === 'rule') return {key: row.rule, label: `${row.rule} ${RULE.get(row.rule).name}`, order: row.rule};
    if (groupBy === 'file') return {key: row.path, label: row.path, order: row.path};
    return {key: row.item ?? '', label: F.itemTitle(row.item) ?? 'No checklist item',
      order: String(ITEM_ORDER.get(row.item) ?? 99).padStart(3, '0')};
  }

  function filtered(project, q) {
    const cacheKey = JSON.stringify({...q, offset: 0, limit: 0});
    if (project.queryCache.has(cacheKey)) return project.queryCache.get(cacheKey);
    const text = (q.text ?? '').toLowerCase();
    let rows = findings(project).filter((row) =>
      (!q.severity?.length || q.severity.includes(row.severity))
      && (!q.rules?.length || q.rules.includes(row.rule))
      && (!q.item || row.item === q.item)
      && (!text || row.path.toLowerCase().includes(text) || row.message.toLowerCase().includes(text))
      && (q.suppressed === 'show' || (q.suppressed === 'only' ? row.suppressed : !row.suppressed)));
    const key = q.sort?.key ?? 'severity';
    const direction = q.sort?.direction === 'descending' ? -1 : 1;
    const value = (row) => (key === 'severity' ? SEVERITY_ORDER[row.severity] : row[key]);
    const decorated = rows.map((row) => ({row, group: groupOf(row, q.group_by)}));
    decorated.sort((a, b) => {
      if (a.group.order !== b.group.order) return a.group.order < b.group.order ? -1 : 1;
      const x = value(a.row);
      const y = value(b.row);
      if (x !== y) return (x < y ? -1 : 1) * direction;
      return a.row.path === b.row.path ? a.row.line - b.row.line : (a.row.path < b.row.path ? -1 : 1);
    });
    const groups = [];
    for (const {group} of decorated) {
      if (groups.length && groups[groups.length - 1].key === group.key) groups[groups.length - 1].count += 1;
      else groups.push({key: group.key, label: group.label, count: 1});
    }
    rows = decorated.map(({row, group}) => ({...row, group: group.key, group_label: group.label}));
    const result = {rows, groups};
    project.queryCache.clear();
    project.queryCache.set(cacheKey, result);
    return result;
  }

  // ---- Checklist, overview, charts ---------------------------------------
  function checklist(project) {
    const rows = findings(project);
    const present = new Set(project.spec.rules);
    return F.ITEMS.map((item) => {
      const codes = F.RULES.filter((rule) => rule.item === item.id).map((rule) => rule.code);
      const bySeverity = {error: 0, warning: 0, info: 0};
      let count = 0;
      for (const row of rows) {
        if (row.item === item.id && !row.suppressed) {
          count += 1;
          bySeverity[row.severity] += 1;
        }
      }
      const reviews = project.reviews.filter((review) => review.item === item.id);
      const review = reviews.length ? reviews[reviews.length - 1] : null;
      const applicable = !(item.id === 'async-testing' && project.spec.id === 1);
      let status = 'pass';
      if (!applicable) status = 'not_applicable';
      else if (count > 0) status = 'fail';
      else if (item.review_part && (!review || review.stale)) status = 'needs_review';
      else if (item.review_part && review) status = review.verdict;
      return {
        id: item.id, title: item.title, status, applicable,
        partially_checked: project.spec.id === 1 && item.id === 'error-handling',
        switched_off: project.spec.id === 1 && item.id === 'error-handling' ? ['QLT002'] : [],
        rules: codes, findings: count, by_severity: bySeverity,
        review_part: item.review_part,
        review_hint: item.review_part ? (item.id === 'accessibility' ? 'No HTML accessibility findings in 12 templates.' : 'Hot paths found in acme/core and acme/db.') : null,
        review: review ? {verdict: review.verdict, reviewer: review.reviewer, at: review.at, note: review.note, stale: review.stale} : null,
        _present: codes.some((code) => present.has(code)),
      };
    }).map(({_present, ...item}) => item);
  }

  function scoreOf(items) {
    const counted = items.filter((item) => ['pass', 'fail', 'needs_review'].includes(item.status));
    const pass = counted.filter((item) => item.status === 'pass').length;
    return counted.length ? Math.floor((100 * pass) / counted.length) : null;
  }

  function brief(project) {
    const scan = latestScan(project);
    if (!scan) return null;
    const items = checklist(project);
    return {
      id: scan.id, at: scan.at, score: scoreOf(items),
      gate: items.some((item) => item.status === 'fail' && item.by_severity.error > 0) ? 'fail' : 'pass',
      findings: scan.findings, by_severity: scan.by_severity, interrupted: scan.interrupted,
    };
  }

  function card(project) {
    return {
      id: project.spec.id, name: project.spec.name, root: project.spec.root,
      last_scan: brief(project),
      trend: project.scans.filter((scan) => !scan.interrupted).slice(-20).map((scan) => scan.findings),
      scanning: Boolean(project.scanning),
    };
  }

  function charts(project) {
    if (!project.scans.length) return {trend: null, checklist: null, hotspots: null};
    const recent = project.scans.slice(-20);
    const first = recent[0].findings;
    const last = recent[recent.length - 1].findings;
    const items = checklist(project);
    const byFolder = new Map();
    for (const row of findings(project)) {
      const folder = row.path.split('/').slice(0, -1).join('/') || '.';
      byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
    }
    const hot = [...byFolder].sort((a, b) => b[1] - a[1]).slice(0, 8);
    const statusCounts = ['pass', 'fail', 'needs_review', 'not_applicable']
      .map((status) => [status.replace('_', ' '), items.filter((item) => item.status === status).length]);
    return {
      trend: F.chart({title: 'Findings over the last 20 scans',
        alt: `Findings fell from ${first.toLocaleString('en-GB')} to ${last.toLocaleString('en-GB')} over the last ${recent.length} scans.`,
        columns: ['Scan', 'Findings'], rows: recent.map((scan) => [`Scan ${scan.id}`, scan.findings])}),
      checklist: F.chart({title: 'Checklist items by status', kind: 'bar',
        alt: `${statusCounts[0][1]} items pass, ${statusCounts[1][1]} fail and ${statusCounts[2][1]} need review.`,
        columns: ['Status', 'Items'], rows: statusCounts}),
      hotspots: F.chart({title: 'Folders with the most findings', kind: 'bar',
        alt: hot.length ? `${hot[0][0]} has the most findings: ${hot[0][1].toLocaleString('en-GB')}.` : 'No findings.',
        columns: ['Folder', 'Findings'], rows: hot}),
    };
  }

  function overview(project) {
    const scan = latestScan(project);
    const items = checklist(project);
    const previous = project.scans.length > 1 ? project.scans[project.scans.length - 2] : null;
    const detail = scan ? {
      ...brief(project), files: 7981, lines: 412345, skipped: 12, parse_errors: project.spec.rules.includes('SYN001') ? 3 : 0,
      suppressed: findings(project).filter((row) => row.suppressed).length, duration_ms: 1400,
      fail_on: settings.fail_on, engine: F.APP_INFO.engine, commit: scan.commit, branch: scan.commit ? 'main' : null,
    } : null;
    return {
      project: card(project), scan: detail, checklist: items,
      changes: previous ? {previous_scan: previous.id, new: 3, fixed: 5, unchanged: scan.findings - 3} : null,
      charts: charts(project),
    };
  }

  // ---- Settings, reviews, scans ------------------------------------------
  let settings = {theme: config.theme, fail_on: 'error', editor_command: '', reviewer: '', single_key_shortcuts: config.shortcuts};

  function recordReview(args) {
    need(args, 'projectId', 'itemId', 'verdict', 'note');
    const project = getProject(args.projectId);
    const item = checklist(project).find((entry) => entry.id === args.itemId);
    if (!item) fail('not_found', `There is no checklist item \`${args.itemId}\`.`);
    if (!['pass', 'fail', 'not_applicable'].includes(args.verdict)) fail('invalid', `\`${args.verdict}\` is not a verdict: use pass, fail or not applicable.`);
    const overruling = !item.review_part && (item.status === 'pass' || item.status === 'fail');
    if (overruling && !String(args.note).trim()) fail('invalid', 'A verdict on an automated result needs a note saying why.');
    for (const review of project.reviews) if (review.item === args.itemId) review.stale = false;
    project.reviews.push({item: args.itemId, verdict: args.verdict, reviewer: settings.reviewer || 'ana',
      at: iso(Date.now()), note: args.note, scan: latestScan(project)?.id ?? null, stale: false});
    project.findingsCache = project.findingsCache; // findings do not change with a verdict
    return checklist(project).find((entry) => entry.id === args.itemId);
  }

  function listReviews(project) {
    const latestByItem = new Map();
    project.reviews.forEach((review, index) => latestByItem.set(review.item, index));
    return project.reviews.map((review, index) => ({
      id: index + 1, item: review.item, item_title: F.itemTitle(review.item), verdict: review.verdict,
      reviewer: review.reviewer, at: review.at, note: review.note, scan: review.scan,
      current: latestByItem.get(review.item) === index, stale: review.stale,
    })).reverse();
  }

  function listScans(project) {
    return project.scans.map((scan, index) => ({
      id: scan.id, at: scan.at, score: 60 + (index % 20), findings: scan.findings, by_severity: scan.by_severity,
      delta: index === 0 ? null : scan.findings - project.scans[index - 1].findings,
      interrupted: scan.interrupted, commit: scan.commit, markers: scan.markers,
    })).reverse();
  }

  function compare(project, from, to) {
    const a = project.scans.find((scan) => scan.id === Number(from));
    const b = project.scans.find((scan) => scan.id === Number(to));
    if (!a || !b) fail('not_found', `Scan ${a ? to : from} is not in ${project.spec.name}’s history.`);
    const rows = findings(project);
    const newTotal = Math.min(rows.length, Math.abs(b.id - a.id) * 3 + 2);
    const fixedTotal = Math.min(rows.length, Math.abs(b.id - a.id) * 5 + 1);
    const row = (r) => ({...r, group: r.item ?? '', group_label: F.itemTitle(r.item) ?? 'No checklist item'});
    return {
      from: a.id, to: b.id,
      new: rows.slice(0, Math.min(newTotal, 1000)).map(row),
      fixed: rows.slice(newTotal, newTotal + Math.min(fixedTotal, 1000)).map((r) => ({...row(r), id: `${r.id}-fixed`})),
      new_total: newTotal, fixed_total: fixedTotal, unchanged: Math.max(0, b.findings - newTotal),
    };
  }

  function startScan(args) {
    need(args, 'projectId', 'onProgress');
    const project = getProject(args.projectId);
    if (project.scanning) fail('busy', `${project.spec.name} is already being scanned.`);
    const channel = args.onProgress;
    const token = `scan-${project.spec.id}-${Date.now()}`;
    const total = 7981;
    const steps = 20;
    let step = 0;
    const send = (message) => channel.onmessage(clone(message));
    project.scanning = {token, timer: 0};
    const tick = () => {
      if (!project.scanning) return;
      if (step === 0) send({event: 'started', project_id: project.spec.id, token});
      step += 1;
      if (project.spec.badConfig && step === 3) {
        project.scanning = null;
        send({event: 'failed', error: {kind: 'config', message: '`tenet.toml` line 12: unknown key `selectt` in `[tool.tenet]` — did you mean `select`?'}});
        return;
      }
      if (step <= steps) {
        const done = Math.round((total * step) / steps);
        send({event: 'progress', files_done: step < 2 ? 0 : done, files_total: step < 2 ? 1200 : total, listing_done: step >= 2,
          current: `acme/module_${String(step * 37).padStart(4, '0')}.py`, findings: Math.round(project.spec.findings * step / steps),
          elapsed_ms: step * 70});
        project.scanning.timer = setTimeout(tick, config.scanStepMs);
        return;
      }
      project.scanning = null;
      if (project.spec.scans === 0) project.spec = {...project.spec, scans: 1};
      project.scans.push(makeScan(project.spec, project.scans.length, project.scans.length + 1));
      project.scans[project.scans.length - 1].findings = project.spec.findings;
      project.scans[project.scans.length - 1].at = iso(Date.now());
      project.findingsCache = null;
      project.queryCache.clear();
      const b = brief(project);
      send({event: 'finished', scan_id: b.id, files: total, findings: b.findings, new: 3, fixed: 5,
        duration_ms: 1432, score: b.score, gate: b.gate});
    };
    project.scanning.timer = setTimeout(tick, 10);
    return {token};
  }

  /** Reads `config.git` commits of a project's history, one every scanStepMs. */
  function startBackfill(args) {
    need(args, 'projectId', 'commits', 'onProgress');
    const project = getProject(args.projectId);
    if (project.scanning) fail('busy', `${project.spec.name} is already being scanned or backfilled.`);
    const channel = args.onProgress;
    const total = Math.min(args.commits, project.spec.git ?? 0);
    const send = (message) => channel.onmessage(clone(message));
    let done = 0;
    project.scanning = {timer: 0, backfill: true, recorded: 0};
    const tick = () => {
      if (!project.scanning) return;
      if (done === 0) send({event: 'started', total});
      if (done < total) {
        done += 1;
        project.scanning.recorded = done;
        send({event: 'commit', done, total, date: iso(BASE - (total - done) * 7 * 86400000).slice(0, 10),
          subject: done === 2 ? `Merge ${F.XSS_NAME}` : `Release 1.${done}`, findings: 40 + done, skipped: null});
        project.scanning.timer = setTimeout(tick, config.scanStepMs);
        return;
      }
      project.scanning = null;
      project.spec = {...project.spec, backfilled: total};
      send({event: 'finished', recorded: total, known: 0, skipped: 0, shallow: false});
    };
    project.scanning.timer = setTimeout(tick, 10);
    return null;
  }

  function cancelScan(args) {
    need(args, 'projectId');
    const project = getProject(args.projectId);
    if (!project.scanning) return false;
    clearTimeout(project.scanning.timer);
    project.scanning = null;
    return true;
  }

  function findingDetail(args) {
    need(args, 'projectId', 'findingId');
    const project = getProject(args.projectId);
    const id = String(args.findingId).replace(/-fixed$/, '');
    const row = findings(project).find((entry) => entry.id === id);
    if (!row) fail('not_found', 'That finding is not in the latest scan any more: scan again or reload the list.');
    const first = Math.max(1, row.line - 4);
    const lines = [];
    for (let n = first; n <= row.line + 4; n += 1) {
      lines.push(n === row.line ? `    buffer = collections.deque()  # line ${n}` : n === row.line + 1 ? `    tasks = [<b>not markup</b> for _ in range(${n})]` : `    step_${n} = compute(step_${n - 1})`);
    }
    return {
      ...row, group: row.item ?? '', group_label: F.itemTitle(row.item) ?? 'No checklist item',
      end_line: row.line + 1, end_column: 12,
      suppression_reason: row.suppressed ? 'Bounded by the caller; see ADR 12.' : null,
      fingerprint: `fp-${row.id}`, item_title: F.itemTitle(row.item),
      source: row.path.endsWith('.html') && row.line % 5 === 0 ? null
        : {first_line: first, lines, start_line: row.line, end_line: row.line + 1},
      source_note: row.path.endsWith('.html') && row.line % 5 === 0 ? 'The file changed since the scan: rescan to see its source.' : null,
      rule: F.ruleDoc(RULE.get(row.rule)),
    };
  }

  const calls = [];
  let added = null;

  const commands = {
    app_info: () => F.APP_INFO,
    get_settings: () => settings,
    save_settings(args) {
      need(args, 'settings');
      if (!['system', 'light', 'dark', 'contrast'].includes(args.settings.theme)) fail('invalid', 'Unknown theme.');
      settings = {...args.settings};
      return settings;
    },
    list_projects: () => [...projects.values()].sort((a, b) =>
      (latestScan(b)?.at ?? '').localeCompare(latestScan(a)?.at ?? '')).map(card),
    async add_project() {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (config.addProject === 'cancel') return null;
      added = projects.get(newProjectSpec.id) ?? addSpec({...newProjectSpec, git: config.git ?? 0});
      return card(added);
    },
    add_sample_project: () => card(projects.get(sampleSpec.id) ?? addSpec({...sampleSpec})),
    remove_project(args) {
      need(args, 'projectId', 'keepHistory');
      getProject(args.projectId);
      projects.delete(Number(args.projectId));
      return null;
    },
    project_overview: (args) => (need(args, 'projectId'), overview(getProject(args.projectId))),
    project_charts: (args) => (need(args, 'projectId'), charts(getProject(args.projectId))),
    query_findings(args) {
      need(args, 'projectId', 'scanId', 'query');
      const q = args.query;
      if (q.limit > 1000) fail('invalid', 'At most 1000 findings a page.');
      const result = filtered(getProject(args.projectId), q);
      return {total: result.rows.length, offset: q.offset, rows: result.rows.slice(q.offset, q.offset + q.limit), groups: result.groups};
    },
    finding_detail: findingDetail,
    open_in_editor(args) {
      need(args, 'projectId', 'findingId');
      const project = getProject(args.projectId);
      if (project.spec.badConfig) fail('io', 'Could not start the editor `code`: it is not on the PATH. Set the editor command in Settings.');
      return null;
    },
    record_review: recordReview,
    list_reviews: (args) => (need(args, 'projectId'), listReviews(getProject(args.projectId))),
    list_scans: (args) => (need(args, 'projectId'), listScans(getProject(args.projectId))),
    compare_scans: (args) => (need(args, 'projectId', 'from', 'to'), compare(getProject(args.projectId), args.from, args.to)),
    list_rules: () => F.RULES.map(F.ruleSummary),
    rule_doc(args) {
      need(args, 'code');
      const rule = RULE.get(args.code);
      if (!rule) fail('not_found', `There is no rule \`${args.code}\`.`);
      return F.ruleDoc(rule);
    },
    start_scan: startScan,
    cancel_scan(args) {
      const project = getProject(args.projectId);
      const recorded = project.scanning?.backfill ? project.scanning.recorded : null;
      const wasRunning = cancelScan(args);
      const message = recorded === null ? {event: 'cancelled'} : {event: 'cancelled', recorded};
      if (wasRunning) setTimeout(() => project.lastChannel?.onmessage(message), 20);
      return wasRunning;
    },
    backfill_offer(args) {
      need(args, 'projectId');
      const spec = getProject(args.projectId).spec;
      const commits = Math.min(50, spec.git ?? 0);
      const recorded = spec.backfilled ?? 0;
      return commits > 1 && recorded < commits ? {commits, recorded} : null;
    },
    start_backfill: startBackfill,
    list_export_formats: () => F.EXPORT_FORMATS,
    async export_report(args) {
      need(args, 'projectId', 'scanId', 'format');
      const project = getProject(args.projectId);
      await new Promise((resolve) => setTimeout(resolve, 80));
      const format = F.EXPORT_FORMATS.find((entry) => entry.id === args.format);
      if (!format) fail('invalid', `\`${args.format}\` is not an export format.`);
      if (config.exportResult === 'cancel') return null;
      if (project.spec.badConfig) fail('io', `Could not write \`/home/ana/Documents/${project.spec.name}.${format.extension}\`: permission denied.`);
      return {path: `/home/ana/Documents/${project.spec.name}-report.${format.extension}`};
    },
  };

  const listeners = new Map();
  let channelIds = 0;

  class Channel {
    constructor(onmessage) {
      channelIds += 1;
      this.id = channelIds;
      this.onmessage = onmessage ?? (() => {});
    }
  }

  async function invoke(command, args = {}) {
    calls.push({command, args: clone(Object.fromEntries(Object.entries(args ?? {}).filter(([key]) => key !== 'onProgress')))});
    const handler = commands[command];
    if (!handler) throw {kind: 'internal', message: `Unknown command \`${command}\`.`};
    if ((command === 'start_scan' || command === 'start_backfill') && args?.onProgress) {
      const project = projects.get(Number(args.projectId));
      if (project) project.lastChannel = args.onProgress;
    }
    await Promise.resolve();
    return clone(await handler(args));
  }

  window.__TAURI__ = {
    core: {invoke, Channel},
    event: {
      async listen(event, handler) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event).add(handler);
        return () => listeners.get(event).delete(handler);
      },
    },
  };

  window.__TENET_MOCK__ = {
    calls,
    config,
    emit(event, payload) {
      for (const handler of listeners.get(event) ?? []) handler({event, id: 0, payload: clone(payload)});
    },
    dropFolder() {
      const project = projects.get(newProjectSpec.id) ?? addSpec({...newProjectSpec});
      this.emit('tenet://project-added', card(project));
    },
    get settings() { return settings; },
  };
})();
