// Pieces several views share: the view heading, status words with icons,
// gate verdicts and the "loading" line.
import {h} from '../dom.js';

/** The view's one h1, focusable from script so focus can land on it. */
export function viewHeading(title, caption) {
  return h('h1', {class: 'view-title', tabIndex: -1},
    caption ? h('span', {class: 'view-caption'}, caption, h('span', {class: 'visually-hidden'}, ': ')) : null,
    title);
}

const STATUS = {
  pass: {icon: '✔', word: 'Pass'},
  fail: {icon: '✖', word: 'Fail'},
  needs_review: {icon: '?', word: 'Needs review'},
  not_applicable: {icon: '–', word: 'Not applicable'},
};

/** A status as an icon (hidden from screen readers) and a word, never colour alone. */
export function statusBadge(status) {
  const known = STATUS[status] ?? {icon: '•', word: status};
  return h('span', {class: `badge badge-${status}`},
    h('span', {class: 'badge-icon', 'aria-hidden': 'true'}, known.icon), ' ', known.word);
}

export const statusWord = (status) => (STATUS[status] ?? {word: status}).word;

export function gateBadge(gate) {
  return gate === 'pass' ? statusBadge('pass') : statusBadge('fail');
}

const SEVERITY_ICON = {error: '✖', warning: '▲', info: 'ℹ'};
export function severityBadge(severity) {
  return h('span', {class: `severity severity-${severity}`},
    h('span', {class: 'badge-icon', 'aria-hidden': 'true'}, SEVERITY_ICON[severity] ?? '•'), ' ', severity);
}

export const loading = (what) => h('p', {class: 'loading'}, `Loading ${what}…`);

/** "Ctrl" or "⌘" for shortcut hints, depending on the platform. */
export const modKey = () => (/Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl');

/** Moves focus to the view's h1 after a navigation (not after a tab key press). */
export function focusHeading(moveFocus) {
  if (!moveFocus) return;
  const heading = document.getElementById('view').querySelector('h1');
  (heading ?? document.getElementById('main')).focus();
}
