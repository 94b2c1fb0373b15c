// Overview: the latest scan's score and gate, the changes since the previous
// scan, the checklist with its evidence, and the charts.
import * as api from '../api.js';
import {clear, fmtDuration, fmtNumber, h, plural, srOnly, timeEl, uid} from '../dom.js';
import {chartFigure, chartLook} from '../charts.js';
import {projectHash} from '../router.js';
import {errorSlot, showError} from '../status.js';
import {gateBadge, loading, modKey, statusBadge, viewHeading} from './common.js';

export async function render(panel, {project, isCurrent}) {
  const body = h('div', {class: 'stack-l'}, loading('the overview'));
  const errors = errorSlot();
  panel.append(viewHeading('Overview', project.name), errors, body);
  let data;
  try {
    data = await api.projectOverview(project.id);
  } catch (error) {
    clear(body);
    showError(error, errors);
    return;
  }
  if (!isCurrent()) return;
  clear(body);
  if (!data.scan) {
    body.append(notScanned(project, data.interrupted));
  } else {
    body.append(summary(data.scan, data.interrupted), changes(project, data.changes));
  }
  body.append(checklist(project, data.checklist ?? []));
  if (!data.scan) {
    body.append(charts({}));
    return;
  }
  // Charts follow the page (not awaited): a large hotspot map takes longer
  // to draw than everything else on it.
  const pending = section('Charts', h('p', {class: 'muted'}, 'Drawing the charts…'));
  body.append(pending);
  fillCharts(project, pending, isCurrent);
}

async function fillCharts(project, pending, isCurrent) {
  try {
    const chartSet = await api.projectCharts(project.id, chartLook());
    if (isCurrent() && pending.isConnected) pending.replaceWith(charts(chartSet));
    performance.mark('tenet:charts');
  } catch (error) {
    if (isCurrent() && pending.isConnected) {
      clear(pending).append(h('h2', {}, 'Charts'));
      showError(error, pending.appendChild(h('div', {})));
    }
  }
}

function section(title, ...content) {
  const id = uid('section');
  return h('section', {class: 'section', 'aria-labelledby': id}, h('h2', {id}, title), ...content);
}

function notScanned(project, interrupted) {
  return section('Not scanned yet',
    interrupted ? interruptedNotice(interrupted) : null,
    h('p', {}, `${project.name} has no ${interrupted ? 'finished ' : ''}scans yet. Choose `, h('strong', {}, 'Scan'), ' (',
      h('kbd', {}, modKey()), '+', h('kbd', {}, 'R'), ') to review it against the standard.'));
}

/** The newest scan did not finish: say so, and where its partial results are. */
function interruptedNotice(scan) {
  return h('p', {class: 'notice'}, h('strong', {}, 'Interrupted: '),
    'the scan started ', timeEl(scan.at), ' did not finish. Its partial results are kept in History; ',
    'what is shown here comes from the last scan that finished.');
}

const FAIL_ON = {error: 'errors', warning: 'warnings or worse', info: 'any finding', never: 'nothing (gate off)'};

function summary(scan, interrupted) {
  const severity = scan.by_severity ?? {};
  const facts = [
    ['Score', h('span', {class: 'big-number'}, scan.score ?? '—', scan.score === null ? null : h('span', {class: 'muted small'}, ' / 100'))],
    ['Gate', [gateBadge(scan.gate), h('span', {class: 'muted small block'}, `fails on ${FAIL_ON[scan.fail_on] ?? scan.fail_on}`)]],
    ['Findings', [h('span', {class: 'big-number'}, fmtNumber(scan.findings)),
      h('span', {class: 'muted small block'},
        `${fmtNumber(severity.error ?? 0)} errors, ${fmtNumber(severity.warning ?? 0)} warnings, ${fmtNumber(severity.info ?? 0)} info`)]],
    ['Scanned', [timeEl(scan.at), h('span', {class: 'muted small block'},
      `${plural(scan.files, 'file')} in ${fmtDuration(scan.duration_ms ?? 0)}`)]],
  ];
  const notes = [];
  if (scan.suppressed) notes.push(`${plural(scan.suppressed, 'finding')} suppressed`);
  if (scan.skipped) notes.push(`${plural(scan.skipped, 'file')} skipped`);
  if (scan.parse_errors) notes.push(`${plural(scan.parse_errors, 'file')} could not be parsed`);
  if (scan.branch || scan.commit) notes.push(`at ${[scan.branch, scan.commit?.slice(0, 10)].filter(Boolean).join(' ')}`);
  if (scan.engine) notes.push(`engine ${scan.engine}`);
  return section('Latest scan',
    interrupted ? interruptedNotice(interrupted) : null,
    h('dl', {class: 'facts'}, facts.map(([term, value]) => h('div', {class: 'fact'}, h('dt', {}, term), h('dd', {}, value)))),
    notes.length ? h('p', {class: 'muted'}, notes.join(' · ')) : null);
}

function changes(project, delta) {
  if (!delta) return section('Changes since the previous scan', h('p', {}, 'This is the first scan, so there is nothing to compare with yet.'));
  const previous = delta.previous_scan;
  const previousId = typeof previous === 'object' && previous !== null ? previous.id : previous;
  const previousAt = typeof previous === 'object' && previous !== null ? previous.at : null;
  const latestHash = projectHash(project.id, 'history', previousId !== null && previousId !== undefined ? `${previousId}..latest` : null);
  return section('Changes since the previous scan',
    h('ul', {class: 'change-counts'},
      h('li', {class: 'change-new'}, h('span', {class: 'big-number'}, fmtNumber(delta.new)), ' new'),
      h('li', {class: 'change-fixed'}, h('span', {class: 'big-number'}, fmtNumber(delta.fixed)), ' fixed'),
      h('li', {}, h('span', {class: 'big-number'}, fmtNumber(delta.unchanged)), ' unchanged')),
    h('p', {},
      previousAt ? ['Compared with the scan of ', timeEl(previousAt), '. '] : 'Compared with the scan before. ',
      h('a', {href: latestHash}, 'Compare the two scans in History')));
}

function checklist(project, items) {
  const rows = items.map((item) => {
    const findingsHash = projectHash(project.id, 'findings', null, {item: item.id});
    const notes = [];
    if (item.rules?.length) notes.push(item.rules.join(', '));
    if (item.partially_checked) {
      notes.push(`partially checked${item.switched_off?.length ? `: ${item.switched_off.join(', ')} switched off` : ''}`);
    }
    const severity = item.by_severity ?? {};
    return h('tr', {},
      h('th', {scope: 'row'},
        item.findings > 0 ? h('a', {href: findingsHash}, item.title) : item.title,
        notes.length ? h('span', {class: 'muted small block'}, notes.join(' · ')) : null),
      h('td', {}, statusBadge(item.status)),
      h('td', {class: 'num'}, item.findings > 0
        ? h('a', {href: findingsHash}, fmtNumber(item.findings), srOnly(` findings for ${item.title}`))
        : '0'),
      h('td', {class: 'num'}, fmtNumber(severity.error ?? 0)),
      h('td', {class: 'num'}, fmtNumber(severity.warning ?? 0)),
      h('td', {class: 'num'}, fmtNumber(severity.info ?? 0)),
      h('td', {}, reviewCell(project, item)));
  });
  return section('Checklist',
    h('div', {class: 'table-scroll'}, h('table', {class: 'data-table checklist'},
      h('caption', {class: 'visually-hidden'}, 'Checklist items with their status, findings and review'),
      h('thead', {}, h('tr', {},
        h('th', {scope: 'col'}, 'Item'), h('th', {scope: 'col'}, 'Status'),
        h('th', {scope: 'col', class: 'num'}, 'Findings'), h('th', {scope: 'col', class: 'num'}, 'Errors'),
        h('th', {scope: 'col', class: 'num'}, 'Warnings'), h('th', {scope: 'col', class: 'num'}, 'Info'),
        h('th', {scope: 'col'}, 'Review'))),
      h('tbody', {}, rows))));
}

const VERDICT = {pass: 'Pass', fail: 'Fail', not_applicable: 'Not applicable'};

function reviewCell(project, item) {
  const reviewHash = projectHash(project.id, 'review', null, {item: item.id});
  if (item.review) {
    const review = item.review;
    return [
      h('span', {class: 'block'}, `${VERDICT[review.verdict] ?? review.verdict} by ${review.reviewer}`),
      h('span', {class: 'muted small block'}, timeEl(review.at)),
      review.stale ? h('span', {class: 'badge badge-stale'}, h('span', {class: 'badge-icon', 'aria-hidden': 'true'}, '⟲'), ' Stale: evidence changed') : null,
    ];
  }
  if (item.review_part) {
    return h('a', {href: reviewHash}, 'Review', srOnly(` ${item.title}`), ': not yet');
  }
  return h('span', {class: 'muted'}, 'Automated');
}

function charts(chartSet) {
  const emptyText = 'No scans yet: the chart appears after the first scan.';
  return section('Charts',
    h('div', {class: 'chart-grid'},
      chartFigure(chartSet.trend, {title: 'Findings over time', emptyText}),
      chartFigure(chartSet.checklist, {title: 'Checklist status', emptyText}),
      chartFigure(chartSet.hotspots, {title: 'Hotspots: findings by folder', emptyText})));
}
