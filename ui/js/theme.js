// Applies Settings' theme as [data-theme] on <html>; "system" follows
// prefers-color-scheme and keeps following it while the app runs.
const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
let chosen = 'system';

function resolve(theme) {
  if (theme === 'system') return darkQuery.matches ? 'dark' : 'light';
  return ['light', 'dark', 'contrast'].includes(theme) ? theme : 'light';
}

export function applyTheme(theme) {
  chosen = theme || 'system';
  document.documentElement.dataset.theme = resolve(chosen);
}

darkQuery.addEventListener('change', () => applyTheme(chosen));
