// Charts arrive from the backend as images (data URIs) with alt text and a
// data table; sparklines are small inline SVGs drawn here.
import {fmtNumber, h, svg} from './dom.js';

/** Charts to match the page: dark pictures on the dark and high-contrast themes. */
export function chartLook() {
  const theme = document.documentElement.dataset.theme;
  return {theme: theme === 'light' ? 'light' : 'dark', scale: window.devicePixelRatio || 1};
}

/** A chart in a <figure>: caption, image with alt, and its data behind "Show data". */
export function chartFigure(chart, {title, emptyText}) {
  if (!chart) {
    return h('figure', {class: 'chart chart-empty'},
      h('figcaption', {class: 'chart-title'}, title),
      h('p', {class: 'muted'}, emptyText));
  }
  const image = h('img', {class: 'chart-image', width: chart.width, height: chart.height});
  image.alt = chart.alt;
  image.src = chart.image;
  return h('figure', {class: 'chart'},
    h('figcaption', {class: 'chart-title'}, chart.title || title),
    image,
    h('details', {class: 'chart-data'},
      h('summary', {}, 'Show data', h('span', {class: 'visually-hidden'}, ` for ${chart.title || title}`)),
      dataTable(chart.table)));
}

function dataTable(table) {
  const columns = table?.columns ?? [];
  const rows = table?.rows ?? [];
  return h('div', {class: 'table-scroll'},
    h('table', {class: 'data-table compact'},
      h('caption', {}, table?.caption ?? 'Chart data'),
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', {scope: 'col'}, column)))),
      h('tbody', {}, rows.map((row) => h('tr', {},
        row.map((cell, index) => (index === 0
          ? h('th', {scope: 'row'}, cell)
          : h('td', {class: typeof cell === 'number' ? 'num' : ''},
            typeof cell === 'number' ? fmtNumber(cell) : cell))))))));
}

/** A tiny trend line (decorative: callers give the trend in words too). */
export function sparkline(values, {width = 72, height = 20} = {}) {
  const graphic = svg('svg', {
    class: 'sparkline', width, height, viewBox: `0 0 ${width} ${height}`,
    'aria-hidden': 'true', focusable: 'false',
  });
  if (!values || values.length < 2) return graphic;
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = max - min || 1;
  const step = (width - 4) / (values.length - 1);
  const points = values.map((value, index) =>
    [2 + index * step, height - 2 - ((value - min) / span) * (height - 4)]);
  graphic.append(
    svg('polyline', {points: points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '),
      fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5,
      'stroke-linejoin': 'round', 'stroke-linecap': 'round'}),
    svg('circle', {cx: points.at(-1)[0].toFixed(1), cy: points.at(-1)[1].toFixed(1), r: 2, fill: 'currentColor'}));
  return graphic;
}

/** The trend in words, for the sparkline's readers. */
export function trendText(values) {
  if (!values || values.length === 0) return 'no scans yet';
  if (values.length === 1) return `${fmtNumber(values[0])} findings in one scan`;
  const first = values[0];
  const last = values.at(-1);
  const direction = last < first ? 'falling' : last > first ? 'rising' : 'flat';
  return `findings ${direction}, ${fmtNumber(first)} to ${fmtNumber(last)} over ${values.length} scans`;
}

