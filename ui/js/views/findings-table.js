// The findings table, virtualised: it asks for pages of rows as they scroll
// into view and keeps only the visible rows (plus a small buffer) in the DOM,
// between two spacer rows that stand in for the rest. It stays a real
// <table>: aria-rowcount says how many rows there are in all, aria-rowindex
// where each rendered row sits. ↑/↓ (and Page Up/Down, Home/End) move the
// active row; Enter opens it.
import {h} from '../dom.js';
import {projectHash} from '../router.js';
import {severityBadge} from './common.js';

const PAGE = 200;
const BUFFER = 8;
const COLUMNS = [
  {key: null, label: 'Group', class: 'col-group'},
  {key: 'severity', label: 'Severity', class: 'col-severity'},
  {key: 'rule', label: 'Rule', class: 'col-rule'},
  {key: 'path', label: 'File', class: 'col-path'},
  {key: 'line', label: 'Line', class: 'col-line num'},
  {key: 'message', label: 'Message', class: 'col-message'},
];

/**
 * load(offset, limit) → {total, rows, groups}; onOpen(row, index) opens a
 * finding; onSort(key) asks for a new sort; onPageLoaded(result) hears each answer.
 */
export function createFindingsTable({projectId, load, onOpen, onSort, onError}) {
  let total = 0;
  let generation = 0;
  let rowHeight = 0;
  let activeIndex = 0;
  let openIndex = -1;
  let rendered = {first: 0, last: -1};
  const pages = new Map();
  const pending = new Set();
  const rowElements = new Map();

  const headerButtons = new Map();
  const headerCells = COLUMNS.map((column) => {
    const cell = h('th', {scope: 'col', class: column.class});
    if (column.key) {
      const button = h('button', {type: 'button', class: 'sort-button', onClick: () => onSort(column.key)},
        column.label, h('span', {class: 'sort-icon', 'aria-hidden': 'true'}));
      headerButtons.set(column.key, {cell, button});
      cell.append(button);
    } else cell.textContent = column.label;
    return cell;
  });
  const topSpacer = spacerRow();
  const bottomSpacer = spacerRow();
  const body = h('tbody', {}, topSpacer, bottomSpacer);
  const table = h('table', {class: 'data-table findings-table', 'aria-rowcount': 1},
    h('caption', {class: 'visually-hidden'}, 'Findings, sorted by group and then by the chosen column. Use the up and down arrow keys to move between rows and Enter to open one.'),
    h('colgroup', {}, COLUMNS.map((column) => h('col', {class: column.class}))),
    h('thead', {}, h('tr', {'aria-rowindex': 1}, headerCells)),
    body);
  const scroller = h('div', {class: 'findings-scroller', tabIndex: -1}, table);
  const empty = h('p', {class: 'findings-empty', hidden: true}, 'No findings match these filters.');

  function spacerRow() {
    return h('tr', {class: 'spacer', 'aria-hidden': 'true'}, h('td', {colSpan: COLUMNS.length}));
  }

  function rowAt(index) {
    const page = pages.get(Math.floor(index / PAGE));
    return page ? page[index % PAGE] ?? null : null;
  }

  async function fetchPage(pageIndex) {
    if (pages.has(pageIndex) || pending.has(pageIndex)) return;
    const thisGeneration = generation;
    pending.add(pageIndex);
    try {
      const result = await load(pageIndex * PAGE, PAGE);
      if (thisGeneration !== generation) return;
      pages.set(pageIndex, result.rows);
      if (result.total !== total) setTotal(result.total);
      render(true);
    } catch (error) {
      if (thisGeneration === generation) onError(error);
    } finally {
      pending.delete(pageIndex);
    }
  }

  function setTotal(count) {
    total = count;
    table.setAttribute('aria-rowcount', String(total + 1));
    empty.hidden = total > 0;
    scroller.hidden = total === 0;
  }

  function fillRow(row, index, finding) {
    row.setAttribute('aria-rowindex', String(index + 2));
    row.classList.toggle('is-open', index === openIndex);
    row.classList.toggle('is-suppressed', Boolean(finding?.suppressed));
    if (!finding) {
      row.replaceChildren(h('td', {colSpan: COLUMNS.length, class: 'muted'}, 'Loading…'));
      row.dataset.loaded = '';
      return;
    }
    row.dataset.loaded = 'true';
    row.replaceChildren(
      h('td', {class: 'col-group'}, finding.group_label),
      h('td', {class: 'col-severity'}, severityBadge(finding.severity)),
      h('td', {class: 'col-rule'}, h('a', {href: projectHash(projectId, 'rules', finding.rule), tabIndex: -1}, finding.rule)),
      h('td', {class: 'col-path', title: finding.path}, finding.path),
      h('td', {class: 'col-line num'}, `${finding.line}:${finding.column}`),
      h('td', {class: 'col-message', title: finding.message},
        finding.suppressed ? h('span', {class: 'tag'}, 'Suppressed') : null, finding.suppressed ? ' ' : null,
        finding.message));
  }

  function rowElement(index) {
    let row = rowElements.get(index);
    if (!row) {
      row = h('tr', {class: 'finding-row', dataset: {index}});
      rowElements.set(index, row);
    }
    const finding = rowAt(index);
    if (!row.dataset.loaded || !finding) fillRow(row, index, finding);
    row.tabIndex = index === activeIndex ? 0 : -1;
    row.classList.toggle('is-active', index === activeIndex);
    return row;
  }

  function measure() {
    if (rowHeight) return rowHeight;
    const probe = [...rowElements.values()].find((row) => row.isConnected);
    if (probe && probe.offsetHeight) rowHeight = probe.offsetHeight;
    return rowHeight || 36;
  }

  /** Renders the rows in view; rows that stay are left alone so focus survives. */
  function render(refill = false) {
    const height = measure();
    const headerHeight = table.tHead.offsetHeight;
    const top = Math.max(0, scroller.scrollTop - headerHeight);
    const first = Math.max(0, Math.floor(top / height) - BUFFER);
    const last = Math.min(total - 1, Math.ceil((top + scroller.clientHeight) / height) + BUFFER);

    for (const [index, row] of rowElements) {
      if (index < first || index > last) {
        if (row.contains(document.activeElement)) scroller.focus({preventScroll: true});
        row.remove();
        rowElements.delete(index);
      }
    }
    const wanted = [];
    for (let index = first; index <= last; index += 1) {
      const row = rowElement(index);
      if (refill && row.dataset.loaded !== 'true') fillRow(row, index, rowAt(index));
      wanted.push(row);
    }
    // Insert rows in order without moving the ones already in place.
    let cursor = topSpacer;
    for (const row of wanted) {
      if (cursor.nextSibling !== row) cursor.after(row);
      cursor = row;
    }
    if (wanted.length && !wanted.some((row) => row.tabIndex === 0)) wanted[0].tabIndex = 0;
    rendered = {first, last};
    topSpacer.style.height = `${first * height}px`;
    bottomSpacer.style.height = `${Math.max(0, total - last - 1) * height}px`;
    for (let page = Math.floor(first / PAGE); page <= Math.floor(Math.max(first, last) / PAGE); page += 1) {
      if (total > 0 || page === 0) fetchPage(page);
    }
  }

  let frame = 0;
  scroller.addEventListener('scroll', () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      render();
    });
  });

  /** Scrolls so the row is in view and focuses it. */
  function focusRow(index) {
    if (total === 0) return;
    activeIndex = Math.max(0, Math.min(total - 1, index));
    const height = measure();
    const headerHeight = table.tHead.offsetHeight;
    const rowTop = headerHeight + activeIndex * height;
    if (rowTop < scroller.scrollTop + headerHeight) scroller.scrollTop = rowTop - headerHeight;
    else if (rowTop + height > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = rowTop + height - scroller.clientHeight;
    }
    render();
    for (const [i, row] of rowElements) {
      row.tabIndex = i === activeIndex ? 0 : -1;
      row.classList.toggle('is-active', i === activeIndex);
    }
    rowElements.get(activeIndex)?.focus({preventScroll: true});
  }

  function open(index) {
    const finding = rowAt(index);
    if (!finding) return;
    setOpen(index);
    onOpen(finding, index);
  }

  function setOpen(index) {
    openIndex = index;
    for (const [i, row] of rowElements) {
      row.classList.toggle('is-open', i === index);
      if (i === index) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    }
  }

  scroller.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const visibleRows = Math.max(1, Math.floor(scroller.clientHeight / measure()) - 1);
    const moves = {
      ArrowDown: activeIndex + 1, ArrowUp: activeIndex - 1,
      PageDown: activeIndex + visibleRows, PageUp: activeIndex - visibleRows,
      Home: 0, End: total - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      focusRow(moves[event.key]);
    } else if (event.key === 'Enter' && event.target.closest('tr.finding-row')) {
      event.preventDefault();
      open(activeIndex);
    }
  });
  body.addEventListener('click', (event) => {
    const row = event.target.closest('tr.finding-row');
    if (!row || event.target.closest('a')) return;
    activeIndex = Number(row.dataset.index);
    focusRow(activeIndex);
    open(activeIndex);
  });

  return {
    element: h('div', {class: 'findings-table-wrap'}, scroller, empty),
    /** Starts again with a new query; the first page's answer comes back. */
    async reset() {
      generation += 1;
      pages.clear();
      pending.clear();
      for (const row of rowElements.values()) row.remove();
      rowElements.clear();
      activeIndex = 0;
      openIndex = -1;
      scroller.scrollTop = 0;
      const thisGeneration = generation;
      const result = await load(0, PAGE);
      if (thisGeneration !== generation) return null;
      pages.set(0, result.rows);
      setTotal(result.total);
      render();
      return result;
    },
    setSort(sort) {
      for (const [key, {cell, button}] of headerButtons) {
        const sorted = key === sort.key;
        if (sorted) cell.setAttribute('aria-sort', sort.direction);
        else cell.removeAttribute('aria-sort');
        button.querySelector('.sort-icon').textContent = sorted ? (sort.direction === 'ascending' ? '▲' : '▼') : '';
      }
    },
    focusRow,
    setOpen,
    scrollToIndex(index) {
      scroller.scrollTop = index * measure();
      render();
    },
    get total() { return total; },
    get activeIndex() { return activeIndex; },
    get rendered() { return rendered; },
    focusSortButton(key) { headerButtons.get(key)?.button.focus(); },
  };
}
