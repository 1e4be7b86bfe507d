// Small helpers to build the DOM without HTML strings, so nothing from the API is ever parsed as markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

/** h('button', { class: 'btn', onclick: fn, dataset: { testid: 'x' } }, 'Label') */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') element.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key === 'testid') element.dataset.testid = value;
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'selected') element[key] = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** An SVG element with attributes. */
export function s(tag, attrs = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value !== null && value !== undefined && value !== false) element.setAttribute(key, String(value));
  }
  append(element, children);
  return element;
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

/** Replaces the node's children. */
export function mount(node, ...children) {
  clear(node);
  append(node, children);
  return node;
}

/** A random hex id for protocol messages (ids are unique per sender). */
export function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

const ICONS = {
  sites: 'M3 21V8l9-5 9 5v13h-6v-7H9v7H3z',
  chat: 'M4 4h16v12H8l-4 4V4z',
  chart: 'M4 20V10h4v10H4zm6 0V4h4v16h-4zm6 0v-7h4v7h-4z',
  skills: 'M12 2l2.6 6.3L21 9l-5 4.4L17.5 20 12 16.6 6.5 20 8 13.4 3 9l6.4-.7L12 2z',
  key: 'M7 14a4 4 0 1 1 3.9-5H22v4h-2v3h-3v-3h-6.1A4 4 0 0 1 7 14zm0-2.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z',
  device: 'M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm5 15a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zM8 5v9h8V5H8z',
  home: 'M3 11l9-8 9 8v10h-6v-6H9v6H3V11z',
  light: 'M9 21h6v-1H9v1zm3-19a7 7 0 0 0-4 12.7V17a1 1 0 0 0 1 1h6a1 1 0 0 0 1-1v-2.3A7 7 0 0 0 12 2z',
  climate: 'M14 14.8V5a2 2 0 1 0-4 0v9.8a4 4 0 1 0 4 0zM12 20a2 2 0 0 1-1-3.7V11h2v5.3A2 2 0 0 1 12 20z',
  lock: 'M6 10V8a6 6 0 1 1 12 0v2h1a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V11a1 1 0 0 1 1-1h1zm2 0h8V8a4 4 0 1 0-8 0v2z',
  cover: 'M4 3h16v2H4V3zm1 3h14v3H5V6zm0 4h14v3H5v-3zm0 4h14v3H5v-3zm6 4h2v3h-2v-3z',
  valve: 'M11 3h2v4h4v2h-3v3h6v8h-4v-4H8v4H4v-8h6V9H7V7h4V3z',
  fan: 'M12 11a1 1 0 1 0 0 2 1 1 0 0 0 0-2zm1-9c4 0 5 3 3 5l-2 2c1 0 3-1 5 1 3 3 0 6-2 6-3 0-4-2-4-4 0 1 1 3-1 5-3 3-6 0-6-2 0-3 2-4 4-4-1 0-3 1-5-1-3-3 0-6 2-6 3 0 4 2 4 4 0-1-1-3 1-5l1-1z',
  speaker: 'M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm5 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm0 2a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm0-7a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z',
  plug: 'M8 2h2v5h4V2h2v5h2v5a6 6 0 0 1-5 5.9V22h-2v-4.1A6 6 0 0 1 6 12V7h2V2z',
  building: 'M4 22V3h11v5h5v14h-7v-4h-2v4H4zm3-16v2h2V6H7zm4 0v2h2V6h-2zm-4 4v2h2v-2H7zm4 0v2h2v-2h-2zm-4 4v2h2v-2H7zm4 0v2h2v-2h-2zm6-2v2h2v-2h-2zm0 4v2h2v-2h-2z',
  floor: 'M3 17l9 4 9-4-9-4-9 4zm0-5l9 4 9-4-9-4-9 4zm9-9L3 7l9 4 9-4-9-4z',
  room: 'M5 3h14v18h-4v-2h2V5H7v14h2v2H5V3zm6 4h2v10h-2V7z',
  vehicle: 'M5 11l2-5h10l2 5h1a1 1 0 0 1 1 1v5h-2a2 2 0 0 1-4 0H9a2 2 0 0 1-4 0H3v-5a1 1 0 0 1 1-1h1zm2.2 0h9.6l-1.2-3H8.4l-1.2 3z',
  zone: 'M12 2a7 7 0 0 1 7 7c0 5-7 13-7 13S5 14 5 9a7 7 0 0 1 7-7zm0 4a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  signout: 'M10 3h9a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-9v-2h9V5h-9V3zm-2 5l1.4 1.4L7.8 11H15v2H7.8l1.6 1.6L8 16l-4-4 4-4z',
  plus: 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6V5z',
  send: 'M3 20l18-8L3 4v6l12 2-12 2v6z',
};

/** A 24×24 icon from the set above. */
export function icon(name, className = 'icon') {
  return s('svg', { viewBox: '0 0 24 24', class: className, 'aria-hidden': 'true' }, s('path', { d: ICONS[name] ?? ICONS.plug }));
}
