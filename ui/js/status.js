// The footer's status line is the app's one polite live region; errors go to
// an alert area near the action that failed.
import {byId, clear, h} from './dom.js';

let lastAnnouncement = '';

/** Says something in the status line (read out politely by screen readers). */
export function announce(text) {
  const status = byId('status');
  // A repeated message would not be read again; a trailing space makes it new.
  const message = text === lastAnnouncement ? `${text}\u00a0` : text;
  lastAnnouncement = text;
  status.textContent = message;
}

/** An error slot: a role=alert container, created empty so it is announced when filled. */
export function errorSlot() {
  return h('div', {class: 'error-slot', role: 'alert'});
}

/** Shows {kind, message} in words, in `slot` or the alert area at the top of main. */
export function showError(error, slot = byId('alert')) {
  const message = error?.message || 'Something went wrong.';
  clear(slot).append(h('p', {class: 'error-message'},
    h('strong', {}, {cancelled: 'Cancelled: ', notice: 'Note: '}[error?.kind] ?? 'Error: '), message));
  return message;
}

export function clearError(slot = byId('alert')) {
  clear(slot);
}
