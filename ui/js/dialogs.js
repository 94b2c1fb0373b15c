// Native modal <dialog>s: the browser traps focus and closes on Esc; we put
// focus back on the control that opened the dialog.
import {h, uid} from './dom.js';

/**
 * Creates and opens a dialog. `build(body, close)` fills it. Returns
 * {dialog, close}; `onClose(returnValue)` runs after it has closed.
 */
export function openDialog({title, className = '', build, onClose}) {
  const invoker = document.activeElement;
  const headingId = uid('dialog-title');
  const heading = h('h2', {id: headingId, class: 'dialog-title'}, title);
  const body = h('div', {class: 'dialog-body'});
  const dialog = h('dialog', {class: `dialog ${className}`, 'aria-labelledby': headingId}, heading, body);
  const close = (value = '') => {
    if (dialog.open) dialog.close(value);
  };
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (invoker instanceof HTMLElement && invoker.isConnected) invoker.focus();
    onClose?.(dialog.returnValue);
  });
  build(body, close);
  document.body.append(dialog);
  dialog.showModal();
  return {dialog, close};
}

/** A row of dialog buttons: the primary action first, then Cancel. */
export function dialogActions(...buttons) {
  return h('div', {class: 'button-row'}, ...buttons);
}
