// Findings: filters (severity, rule, text, suppressed, checklist item),
// grouping, the virtualised sortable table, and the detail pane.
import * as api from '../api.js';
import {fmtNumber, h, plural, uid} from '../dom.js';
import {loadRules, state} from '../state.js';
import {errorSlot, showError, clearError} from '../status.js';
import {viewHeading} from './common.js';
import {createFindingsTable} from './findings-table.js';
import {createDetailPane} from './finding-detail.js';

const SEVERITIES = [['error', 'Errors'], ['warning', 'Warnings'], ['info', 'Info']];
const GROUP_BY = [['item', 'Checklist item'], ['rule', 'Rule'], ['file', 'File']];
const SUPPRESSED = [['hide', 'Hide suppressed'], ['show', 'Show suppressed too'], ['only', 'Only suppressed']];
const GROUP_LIST_CAP = 100;

/** The filter's text box, so the `/` shortcut can focus it. */
export const FILTER_ID = 'findings-filter';

let focusFilterNext = false;
/** Asks the next render of this view to put focus in the filter (the `/` shortcut). */
export function focusFilterOnRender() {
  focusFilterNext = true;
}

export async function render(panel, {project, route, isCurrent, setRoute}) {
  const query = {
    severity: [], rules: [], item: route.params.item ?? null, text: '',
    suppressed: 'hide', group_by: 'item',
    sort: {key: 'severity', direction: 'ascending'},
  };
  const errors = errorSlot();
  const summary = h('p', {class: 'findings-summary'}, 'Loading findings…');
  const groups = h('div', {class: 'groups'});
  const itemChip = h('div', {class: 'item-filter'});

  const table = createFindingsTable({
    projectId: project.id,
    load: (offset, limit) => api.queryFindings(project.id, null, {...query, offset, limit}),
    onOpen: (row, index) => detail.open(row.id, index),
    onSort(key) {
      const direction = query.sort.key === key && query.sort.direction === 'ascending' ? 'descending' : 'ascending';
      query.sort = {key, direction};
      table.setSort(query.sort);
      reload();
    },
    onError: (error) => showError(error, errors),
  });
  table.setSort(query.sort);

  const detail = createDetailPane({
    project,
    onClose(index) {
      setRoute({arg: null});
      layout.classList.remove('has-detail');
      table.setOpen(-1);
      if (index !== null && index !== undefined && index >= 0) table.focusRow(index);
      else table.focusRow(table.activeIndex);
    },
    onOpen(findingId) {
      setRoute({arg: findingId});
      layout.classList.add('has-detail');
    },
  });

  const layout = h('div', {class: 'findings-layout'},
    h('div', {class: 'findings-main'}, table.element), detail.element);

  let reloads = 0;
  async function reload() {
    reloads += 1;
    const thisReload = reloads;
    clearError(errors);
    try {
      const result = await table.reset();
      if (!result || thisReload !== reloads || !isCurrent()) return;
      summary.textContent = `${plural(result.total, 'finding')} in ${plural(result.groups.length, 'group')}`;
      renderGroups(result.groups);
    } catch (error) {
      summary.textContent = 'Findings could not be loaded.';
      showError(error, errors);
    }
  }

  function renderGroups(list) {
    let offset = 0;
    const items = list.map((group) => {
      const start = offset;
      offset += group.count;
      return h('li', {}, h('button', {type: 'button', class: 'link-button', onClick: () => table.focusRow(start)},
        group.label, ' ', h('span', {class: 'muted'}, `(${fmtNumber(group.count)})`)));
    });
    groups.replaceChildren(h('details', {class: 'groups-details'},
      h('summary', {}, `Jump to a group (${fmtNumber(list.length)})`),
      h('ul', {class: 'group-list'}, items.slice(0, GROUP_LIST_CAP)),
      items.length > GROUP_LIST_CAP
        ? h('p', {class: 'muted small'}, `The first ${GROUP_LIST_CAP} groups are listed; filter to narrow them down.`)
        : null));
  }

  panel.append(
    viewHeading('Findings', project.name),
    filters(query, reload, itemChip),
    itemChip, errors, summary, groups, layout);
  showItemFilter(itemChip, query, reload, setRoute);
  if (focusFilterNext) {
    focusFilterNext = false;
    // After the tab panel's own focus handling, which runs once render returns.
    queueMicrotask(() => document.getElementById(FILTER_ID)?.focus());
  }

  await reload();
  if (route.arg && isCurrent()) detail.open(route.arg, null, {moveFocus: false});
}

function filters(query, reload, itemChip) {
  const textId = FILTER_ID;
  const shortcutsOn = state.settings?.single_key_shortcuts !== false;
  const text = h('input', {type: 'search', id: textId, class: 'input', autocomplete: 'off', spellcheck: false,
    'aria-keyshortcuts': shortcutsOn ? '/' : null, 'aria-describedby': shortcutsOn ? `${textId}-hint` : null});
  let timer = 0;
  text.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      query.text = text.value.trim();
      reload();
    }, 200);
  });

  const severityBoxes = SEVERITIES.map(([value, label]) => {
    const id = uid('severity');
    const box = h('input', {type: 'checkbox', id, value, class: 'checkbox'});
    box.addEventListener('change', () => {
      query.severity = severityBoxes.filter((entry) => entry.box.checked).map((entry) => entry.box.value);
      reload();
    });
    return {box, element: h('div', {class: 'check'}, box, h('label', {for: id}, label))};
  });

  const ruleId = uid('rule');
  const rule = h('select', {id: ruleId, class: 'select'}, h('option', {value: ''}, 'All rules'));
  loadRules().then((rules) => {
    for (const entry of rules) rule.append(h('option', {value: entry.code}, `${entry.code} — ${entry.name}`));
    const items = new Map(rules.filter((entry) => entry.item).map((entry) => [entry.item, entry.item_title]));
    if (query.item && items.has(query.item)) itemChip.querySelector('.item-title')?.replaceChildren(items.get(query.item));
  }).catch(() => {});
  rule.addEventListener('change', () => {
    query.rules = rule.value ? [rule.value] : [];
    reload();
  });

  const choice = (label, options, key) => {
    const id = uid(key);
    const select = h('select', {id, class: 'select'},
      options.map(([value, text]) => h('option', {value, selected: value === query[key]}, text)));
    select.addEventListener('change', () => {
      query[key] = select.value;
      reload();
    });
    return h('div', {class: 'field'}, h('label', {for: id}, label), select);
  };

  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter findings'},
    h('div', {class: 'field field-text'},
      h('label', {for: textId}, 'File or message contains'),
      shortcutsOn ? h('span', {id: `${textId}-hint`, class: 'hint'}, 'Press / to come back here.') : null,
      text),
    h('fieldset', {class: 'field checks'}, h('legend', {}, 'Severity (none ticked: all)'),
      severityBoxes.map((entry) => entry.element)),
    h('div', {class: 'field'}, h('label', {for: ruleId}, 'Rule'), rule),
    choice('Suppressed findings', SUPPRESSED, 'suppressed'),
    choice('Group by', GROUP_BY, 'group_by'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    query.text = text.value.trim();
    reload();
  });
  return form;
}

function showItemFilter(chip, query, reload, setRoute) {
  if (!query.item) {
    chip.replaceChildren();
    return;
  }
  chip.replaceChildren(h('p', {},
    'Showing the findings of the checklist item ', h('strong', {class: 'item-title'}, query.item), '. ',
    h('button', {type: 'button', class: 'link-button', onClick() {
      query.item = null;
      setRoute({params: {}});
      showItemFilter(chip, query, reload, setRoute);
      document.getElementById(FILTER_ID)?.focus();
      reload();
    }}, 'Show all findings')));
}
