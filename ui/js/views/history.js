// History: every scan with its change from the one before, and a comparison
// of any two scans (new, fixed, unchanged findings).
import * as api from '../api.js';
import {clear, fmtDate, fmtDelta, fmtNumber, h, plural, srOnly, timeEl, uid} from '../dom.js';
import {projectHash} from '../router.js';
import {announce, errorSlot, showError} from '../status.js';
import {loading, severityBadge, viewHeading} from './common.js';
import {backfillHint} from '../backfill.js';

export async function render(panel, {project, route, isCurrent, setRoute}) {
  const body = h('div', {class: 'stack-l'}, loading('the scans'));
  const errors = errorSlot();
  const hint = h('div', {});
  panel.append(viewHeading('History', project.name), errors, hint, body);
  backfillHint(project).then((line) => {
    if (line && isCurrent()) hint.append(line);
  });
  let scans;
  try {
    scans = await api.listScans(project.id);
  } catch (error) {
    clear(body);
    showError(error, errors);
    return;
  }
  if (!isCurrent()) return;
  clear(body);
  if (!scans.length) {
    body.append(h('p', {}, 'No scans yet. Scan the project to start its history.'));
    return;
  }
  const result = h('div', {class: 'comparison'});
  const [fromArg, toArg] = (route.arg ?? '').split('..');
  const resolve = (value, fallback) => {
    if (value === 'latest') return scans[0].id;
    return scans.some((scan) => String(scan.id) === value) ? value : fallback;
  };
  const from = resolve(fromArg, scans[1]?.id ?? scans[0].id);
  const to = resolve(toArg, scans[0].id);
  body.append(compareForm(project, scans, from, to, result, setRoute), result, scansTable(scans));
  if (route.arg) compare(project, from, to, result, errors);
}

const scanLabel = (scan) => `Scan ${scan.id}, ${fmtDate(scan.at)} (${plural(scan.findings, 'finding')})`;

function compareForm(project, scans, from, to, result, setRoute) {
  const errors = errorSlot();
  const select = (label, value) => {
    const id = uid('scan');
    const element = h('select', {id, class: 'select'},
      scans.map((scan) => h('option', {value: scan.id, selected: String(scan.id) === String(value)}, scanLabel(scan))));
    return {element, field: h('div', {class: 'field'}, h('label', {for: id}, label), element)};
  };
  const fromSelect = select('Earlier scan', from);
  const toSelect = select('Later scan', to);
  const form = h('form', {class: 'compare-form'},
    h('h2', {}, 'Compare two scans'),
    h('div', {class: 'field-row'}, fromSelect.field, toSelect.field,
      h('button', {type: 'submit', class: 'button button-primary'}, 'Compare')),
    errors);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fromId = fromSelect.element.value;
    const toId = toSelect.element.value;
    setRoute({arg: `${fromId}..${toId}`});
    await compare(project, fromId, toId, result, errors);
    result.querySelector('h2')?.focus();
  });
  return form;
}

const asId = (value) => (/^\d+$/.test(String(value)) ? Number(value) : value);

async function compare(project, from, to, result, errors) {
  clear(errors);
  let comparison;
  try {
    comparison = await api.compareScans(project.id, asId(from), asId(to));
  } catch (error) {
    showError(error, errors);
    return;
  }
  const headingId = uid('comparison');
  result.replaceChildren(h('section', {class: 'section', 'aria-labelledby': headingId},
    h('h2', {id: headingId, tabIndex: -1}, `Scan ${comparison.from} compared with scan ${comparison.to}`),
    h('ul', {class: 'change-counts'},
      h('li', {class: 'change-new'}, h('span', {class: 'big-number'}, fmtNumber(comparison.new_total)), ' new'),
      h('li', {class: 'change-fixed'}, h('span', {class: 'big-number'}, fmtNumber(comparison.fixed_total)), ' fixed'),
      h('li', {}, h('span', {class: 'big-number'}, fmtNumber(comparison.unchanged)), ' unchanged')),
    findingList(project, 'New findings', comparison.new, comparison.new_total),
    findingList(project, 'Fixed findings', comparison.fixed, comparison.fixed_total)));
  announce(`Scan ${comparison.from} to ${comparison.to}: ${fmtNumber(comparison.new_total)} new, ${fmtNumber(comparison.fixed_total)} fixed, ${fmtNumber(comparison.unchanged)} unchanged.`);
}

function findingList(project, title, rows, total) {
  const id = uid('list');
  if (!rows.length) {
    return h('section', {'aria-labelledby': id}, h('h3', {id}, title), h('p', {class: 'muted'}, 'None.'));
  }
  return h('section', {'aria-labelledby': id},
    h('h3', {id}, title, ' ', h('span', {class: 'muted'}, `(${fmtNumber(total)})`)),
    rows.length < total ? h('p', {class: 'muted small'}, `The first ${fmtNumber(rows.length)} are listed.`) : null,
    h('div', {class: 'table-scroll table-scroll-tall', tabIndex: 0, role: 'region', 'aria-labelledby': id},
      h('table', {class: 'data-table compact'},
        h('thead', {}, h('tr', {}, ['Severity', 'Rule', 'File', 'Line', 'Message'].map((column) => h('th', {scope: 'col'}, column)))),
        h('tbody', {}, rows.map((row) => h('tr', {},
          h('td', {}, severityBadge(row.severity)),
          h('td', {}, h('a', {href: projectHash(project.id, 'rules', row.rule)}, row.rule)),
          h('td', {class: 'break'}, row.path),
          h('td', {class: 'num'}, `${row.line}:${row.column}`),
          h('td', {}, row.message)))))));
}

function scansTable(scans) {
  const id = uid('scans');
  return h('section', {class: 'section', 'aria-labelledby': id},
    h('h2', {id}, 'All scans ', h('span', {class: 'muted'}, `(${fmtNumber(scans.length)})`)),
    h('div', {class: 'table-scroll table-scroll-tall', tabIndex: 0, role: 'region', 'aria-labelledby': id},
      h('table', {class: 'data-table compact'},
        h('caption', {class: 'visually-hidden'}, 'Scans, newest first'),
        h('thead', {}, h('tr', {},
          h('th', {scope: 'col'}, 'Scan'), h('th', {scope: 'col'}, 'When'),
          h('th', {scope: 'col', class: 'num'}, 'Score'), h('th', {scope: 'col', class: 'num'}, 'Findings'),
          h('th', {scope: 'col', class: 'num'}, 'Change'),
          h('th', {scope: 'col', class: 'num'}, 'Errors'), h('th', {scope: 'col', class: 'num'}, 'Warnings'),
          h('th', {scope: 'col', class: 'num'}, 'Info'),
          h('th', {scope: 'col'}, 'Notes'), h('th', {scope: 'col'}, 'Commit'))),
        h('tbody', {}, scans.map((scan) => h('tr', {},
          h('th', {scope: 'row'}, String(scan.id)),
          h('td', {}, timeEl(scan.at)),
          h('td', {class: 'num'}, scan.score ?? '—'),
          h('td', {class: 'num'}, fmtNumber(scan.findings)),
          h('td', {class: `num ${scan.delta > 0 ? 'delta-up' : scan.delta < 0 ? 'delta-down' : ''}`},
            fmtDelta(scan.delta), scan.delta ? srOnly(scan.delta > 0 ? ' findings more' : ' findings fewer') : null),
          h('td', {class: 'num'}, fmtNumber(scan.by_severity?.error ?? 0)),
          h('td', {class: 'num'}, fmtNumber(scan.by_severity?.warning ?? 0)),
          h('td', {class: 'num'}, fmtNumber(scan.by_severity?.info ?? 0)),
          h('td', {}, [scan.interrupted ? h('span', {class: 'tag tag-warn'}, 'Interrupted') : null,
            ...(scan.markers ?? []).map((marker) => h('span', {class: 'tag'}, marker))]),
          h('td', {}, scan.commit ? h('code', {}, scan.commit.slice(0, 10)) : '—')))))));
}
