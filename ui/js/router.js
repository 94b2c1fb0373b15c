// Views are addressable by URL hash, so a link, the back button or an audit
// tool can land on any of them:
//   #/                                  projects
//   #/settings                          settings
//   #/project/ID/TAB[/ARG][?key=value]  a project's tab (overview, findings,
//                                       review, history, rules); ARG is a
//                                       finding id, rule code or "FROM..TO"
export const TABS = ['overview', 'findings', 'review', 'history', 'rules'];

export function parse(hash) {
  const [pathPart, queryPart = ''] = hash.replace(/^#/, '').split('?');
  const params = Object.fromEntries(new URLSearchParams(queryPart));
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'settings') return {name: 'settings', params};
  if (parts[0] === 'project' && parts[1]) {
    const tab = TABS.includes(parts[2]) ? parts[2] : 'overview';
    return {name: 'project', projectId: parts[1], tab, arg: parts[3] ?? null, params};
  }
  return {name: 'home', params};
}

export function format(route) {
  if (route.name === 'settings') return '#/settings';
  if (route.name !== 'project') return '#/';
  let hash = `#/project/${encodeURIComponent(route.projectId)}/${route.tab ?? 'overview'}`;
  if (route.arg) hash += `/${encodeURIComponent(route.arg)}`;
  const query = new URLSearchParams(
    Object.entries(route.params ?? {}).filter(([, value]) => value !== null && value !== undefined && value !== ''));
  const queryText = query.toString();
  return queryText ? `${hash}?${queryText}` : hash;
}

export const projectHash = (projectId, tab = 'overview', arg = null, params = {}) =>
  format({name: 'project', projectId, tab, arg, params});

/**
 * The last navigation made by `go`: the hash it led to and whether it asked
 * for focus on the new view. Kept with its hash, not as a one-shot flag:
 * two quick moves (an arrow key held down) queue two hashchange events that
 * both see the second hash, and a one-shot flag spent by the first sent the
 * second to the view's h1, taking focus off the tabs.
 */
let lastGo = null;

/**
 * Goes to a view (a history entry; the hashchange handler renders it).
 * `moveFocus: false` keeps focus where it is (tabs moved by arrow keys).
 */
export function go(hash, {moveFocus = true} = {}) {
  if (location.hash === hash) {
    lastGo = {hash: location.hash, moveFocus};
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
    // As the browser spells it (it may escape what `hash` did not).
    lastGo = {hash: location.hash, moveFocus};
  }
}

/**
 * Whether the navigation under way asked for focus on the new view's h1:
 * what `go` asked while the hash is the one it led to; otherwise (a link,
 * Back, a typed address) yes.
 */
export function takeMoveFocus() {
  if (lastGo && lastGo.hash === location.hash) return lastGo.moveFocus;
  lastGo = null;
  return true;
}

/** Records where we are without rendering again (state inside a view). */
export function replace(hash) {
  if (location.hash !== hash) history.replaceState(null, '', hash);
}
