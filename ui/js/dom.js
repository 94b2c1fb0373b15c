// Small DOM helpers. Every string reaches the page as a text node or through
// a property/attribute setter, never parsed as markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

function applyProps(node, props) {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.setAttribute('class', value);
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key in node && !key.includes('-') && !(node instanceof SVGElement)) {
      node[key] = value;
    } else node.setAttribute(key, value === true ? '' : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Builds an HTML element: h('p', {class: 'x'}, 'text', otherNode). */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  applyProps(node, props);
  append(node, children);
  return node;
}

/** Builds an SVG element (attributes only, no markup parsing). */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  append(node, children);
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export const byId = (id) => document.getElementById(id);

let uniqueCounter = 0;
export function uid(prefix) {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}`;
}

/** Text for screen readers only. */
export const srOnly = (text) => h('span', {class: 'visually-hidden'}, text);

const numberFormat = new Intl.NumberFormat('en-GB');
export const fmtNumber = (n) => (n === null || n === undefined ? '—' : numberFormat.format(n));

export function plural(n, one, many = `${one}s`) {
  return `${fmtNumber(n)} ${n === 1 ? one : many}`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
});
export function fmtDate(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

const shortDateFormat = new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'short'});

/** A <time> element for an ISO timestamp; `short` shows the day only ("27 Nov"). */
export function timeEl(iso, {short = false} = {}) {
  const date = new Date(iso);
  const text = short && !Number.isNaN(date.getTime()) ? shortDateFormat.format(date) : fmtDate(iso);
  return h('time', {dateTime: iso ?? '', title: short ? fmtDate(iso) : null}, text);
}

export function fmtDuration(ms) {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}

/** A signed delta in words and symbols: "+12", "−3", "no change". */
export function fmtDelta(delta) {
  if (delta === null || delta === undefined) return '—';
  if (delta === 0) return 'no change';
  return delta > 0 ? `+${fmtNumber(delta)}` : `−${fmtNumber(-delta)}`;
}

/** True when a key event comes from somewhere the user types text. */
export function isTextEntry(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']
      .includes(target.type);
  }
  return false;
}
