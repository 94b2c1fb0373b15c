// Settings: theme, default fail level, editor command, reviewer name,
// single-key shortcuts; and where Tenet keeps its data, and what it is.
import * as api from '../api.js';
import {h, uid} from '../dom.js';
import {applyTheme} from '../theme.js';
import {state} from '../state.js';
import {announce, errorSlot, showError} from '../status.js';
import {viewHeading} from './common.js';

const THEMES = [['system', 'Same as the system'], ['light', 'Light'], ['dark', 'Dark'], ['contrast', 'High contrast']];
const FAIL_ON = [['error', 'Errors'], ['warning', 'Warnings or worse'], ['info', 'Any finding'], ['never', 'Never (the gate always passes)']];

export async function renderSettings(view) {
  const settings = {...state.settings};
  const errors = errorSlot();
  const fieldId = uid('settings');

  const themeRadios = THEMES.map(([value, label]) => {
    const id = `${fieldId}-theme-${value}`;
    return h('div', {class: 'radio'},
      h('input', {type: 'radio', name: 'theme', id, value, checked: settings.theme === value}),
      h('label', {for: id}, label));
  });
  const failOn = h('select', {id: `${fieldId}-fail`, class: 'select', name: 'fail_on'},
    FAIL_ON.map(([value, label]) => h('option', {value, selected: settings.fail_on === value}, label)));
  const editor = h('input', {type: 'text', id: `${fieldId}-editor`, class: 'input', name: 'editor_command',
    value: settings.editor_command ?? '', spellcheck: false, autocomplete: 'off', 'aria-describedby': `${fieldId}-editor-hint`});
  const reviewer = h('input', {type: 'text', id: `${fieldId}-reviewer`, class: 'input', name: 'reviewer',
    value: settings.reviewer ?? '', autocomplete: 'name', 'aria-describedby': `${fieldId}-reviewer-hint`});
  const singleKey = h('input', {type: 'checkbox', id: `${fieldId}-single`, class: 'checkbox', name: 'single_key_shortcuts',
    checked: settings.single_key_shortcuts !== false, 'aria-describedby': `${fieldId}-single-hint`});

  const form = h('form', {class: 'settings-form stack', noValidate: true},
    h('fieldset', {class: 'radios'}, h('legend', {}, 'Theme'), themeRadios),
    h('div', {class: 'field'},
      h('label', {for: failOn.id}, 'Fail the gate on'),
      h('span', {class: 'hint', id: `${fieldId}-fail-hint`}, 'For projects whose configuration does not set fail-on.'),
      failOn),
    h('div', {class: 'field'},
      h('label', {for: editor.id}, 'Editor command'),
      h('span', {class: 'hint', id: `${fieldId}-editor-hint`},
        'Leave empty to use the system’s default app. To jump to the line, use a template such as ',
        h('code', {}, 'code -g {path}:{line}'), '.'),
      editor),
    h('div', {class: 'field'},
      h('label', {for: reviewer.id}, 'Reviewer name'),
      h('span', {class: 'hint', id: `${fieldId}-reviewer-hint`}, 'Shown on your verdicts. Leave empty to use your git user name, or else your login name.'),
      reviewer),
    h('div', {class: 'check'}, singleKey,
      h('label', {for: singleKey.id}, 'Single-key shortcuts: / for the findings filter, ? for the list of shortcuts'),
      h('span', {class: 'hint block', id: `${fieldId}-single-hint`}, 'They never act while you type in a text field. Turn them off if they get in the way of speech input.')),
    errors,
    h('div', {class: 'button-row'}, h('button', {type: 'submit', class: 'button button-primary'}, 'Save settings')));
  failOn.setAttribute('aria-describedby', `${fieldId}-fail-hint`);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const next = {
      theme: form.querySelector('input[name=theme]:checked')?.value ?? 'system',
      fail_on: failOn.value,
      editor_command: editor.value.trim(),
      reviewer: reviewer.value.trim(),
      single_key_shortcuts: singleKey.checked,
    };
    try {
      state.settings = await api.saveSettings(next);
      applyTheme(state.settings.theme);
      errors.replaceChildren();
      announce('Settings saved.');
    } catch (error) {
      showError(error, errors);
    }
  });

  view.append(viewHeading('Settings'), form, about());
}

function about() {
  const info = state.info ?? {};
  const id = uid('about');
  const rows = [
    ['Version', `${info.name ?? 'Tenet'} ${info.version ?? ''}`.trim()],
    ['Engine', info.engine],
    ['Chart renderer', info.chart_renderer],
    ['Database', info.database],
    ['Settings file', info.settings_file],
  ];
  return h('section', {class: 'section', 'aria-labelledby': id},
    h('h2', {id}, 'About Tenet'),
    h('dl', {class: 'about'}, rows.map(([term, value]) =>
      h('div', {}, h('dt', {}, term), h('dd', {class: 'break'}, value ?? 'Unknown')))));
}
