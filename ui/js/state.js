// Shared app state and a tiny event bus, so views update when projects,
// settings or scans change without knowing about each other.
import * as api from './api.js';

export const state = {
  /** @type {object|null} Settings from the backend. */
  settings: null,
  /** @type {object|null} AppInfo. */
  info: null,
  /** @type {object[]} ProjectCards, most recently scanned first. */
  projects: [],
  /** @type {object} The route on screen (see router.js). */
  route: {name: 'home'},
};

const bus = new EventTarget();

export function on(type, handler) {
  const listener = (event) => handler(event.detail);
  bus.addEventListener(type, listener);
  return () => bus.removeEventListener(type, listener);
}

export function emit(type, detail) {
  bus.dispatchEvent(new CustomEvent(type, {detail}));
}

export const sameId = (a, b) => a !== null && a !== undefined && String(a) === String(b);

export function findProject(id) {
  return state.projects.find((project) => sameId(project.id, id)) ?? null;
}

/** The project on screen, if the route names one. */
export function currentProject() {
  return state.route.name === 'project' ? findProject(state.route.projectId) : null;
}

export async function refreshProjects() {
  state.projects = await api.listProjects();
  emit('projects', state.projects);
  return state.projects;
}

/** Puts a card in the list (new, or changed by a scan) without a reload. */
export function upsertProject(card) {
  const index = state.projects.findIndex((project) => sameId(project.id, card.id));
  if (index >= 0) state.projects[index] = card;
  else state.projects.unshift(card);
  emit('projects', state.projects);
}

let rulesPromise = null;
/** The rule catalogue, loaded once (it changes only with the engine). */
export function loadRules() {
  rulesPromise ??= api.listRules().catch((error) => {
    rulesPromise = null;
    throw error;
  });
  return rulesPromise;
}
