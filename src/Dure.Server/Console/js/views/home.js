// A home: its areas and devices with live state (polled every 2 s, changes highlighted), and device tokens for operators.
import { h, icon, mount } from '../dom.js';
import { api, can, deviceTokens, get } from '../api.js';
import { t, nameOf } from '../i18n.js';
import { confirmAction, dialog, flash, loading, pageHeader, problem } from '../ui.js';

const POLL_MS = 2000;
const DOMAIN_ICONS = {
  light: 'light', climate: 'climate', lock: 'lock', cover: 'cover', valve: 'valve', fan: 'fan',
  assist_satellite: 'speaker', media_player: 'speaker', switch: 'plug',
};
const ACTIVE_STATES = new Set(['on', 'open', 'unlocked', 'heat', 'cool', 'heat_cool', 'auto', 'dry', 'fan_only', 'playing', 'opening', 'closing']);

export function stateLabel(state) {
  const key = `state.${state}`;
  const text = t(key);
  return text === key ? state : text;
}

/** The attributes worth a glance, as short phrases. */
export function attributeSummary(device) {
  const a = device.attributes ?? {};
  const parts = [];
  if (typeof a.brightness === 'number' && device.state === 'on') parts.push(t('attr.brightness', { value: a.brightness }));
  if (typeof a.position === 'number') parts.push(t('attr.position', { value: a.position }));
  if (typeof a.temperature === 'number') parts.push(t('attr.target', { value: a.temperature }));
  if (typeof a.current_temperature === 'number') parts.push(t('attr.current', { value: a.current_temperature }));
  if (typeof a.hvac_mode === 'string' && device.state !== 'off') parts.push(stateLabel(a.hvac_mode));
  if (typeof a.volume === 'number') parts.push(t('attr.volume', { value: a.volume }));
  return parts.join(' · ');
}

export async function render({ route, container, setTitle, navigate }) {
  const homeId = route.args[0];
  const operator = can('provisioning');
  mount(container, loading());
  let home;
  try {
    home = await get(`/v1/homes/${encodeURIComponent(homeId)}`);
  } catch (e) {
    mount(container, pageHeader(t('home.title')), problem(e));
    return;
  }

  setTitle(home.name);
  const rows = new Map();
  let known = new Map();
  const message = h('div', { class: 'flash-slot' });
  const liveDot = h('span', { class: 'live-dot', 'aria-hidden': 'true' });
  const liveText = h('span', { testid: 'live-status' }, t('home.live'));
  const areasSlot = h('div', { class: 'areas' });
  const tokensSlot = h('div');

  const addSpeaker = operator
    ? h('button', { type: 'button', class: 'btn', testid: 'add-virtual-speaker', onclick: () => addVirtualSpeaker() }, icon('plus'), t('home.addSpeaker'))
    : null;
  const talk = h('a', { class: 'btn primary', href: `#/device?home=${encodeURIComponent(homeId)}`, testid: 'talk' }, icon('chat'), t('home.talk'));

  mount(container,
    h('nav', { class: 'breadcrumb' },
      h('a', { href: home.siteId ? `#/sites/${encodeURIComponent(home.siteId)}` : '#/sites' }, t('sites.title')), ' / ', h('span', {}, home.name)),
    pageHeader(home.name, null, addSpeaker, talk),
    h('div', { class: 'home-meta' },
      h('span', { class: 'live' }, liveDot, liveText),
      h('span', { class: 'chip', testid: 'summary-devices' }),
      h('span', { class: 'chip', testid: 'summary-on' }),
      h('span', { class: 'chip muted' }, icon('zone'), home.timeZone),
      h('code', { class: 'muted' }, home.id)),
    message,
    areasSlot,
    tokensSlot);

  draw(home);

  function areaName(id) {
    const area = home.areas.find(a => a.id === id);
    return area ? nameOf(area.names, area.id) : t('home.noArea');
  }

  function draw(current) {
    home = current;
    rows.clear();
    known = new Map(current.devices.map(d => [d.id, fingerprint(d)]));
    const byArea = new Map(current.areas.map(a => [a.id, []]));
    for (const device of current.devices) {
      const key = byArea.has(device.area) ? device.area : '';
      if (!byArea.has(key)) byArea.set(key, []);
      byArea.get(key).push(device);
    }

    mount(areasSlot, [...byArea.entries()].filter(([, list]) => list.length > 0).map(([areaId, list]) =>
      h('section', { class: 'card area', testid: `area-${areaId || 'none'}` },
        h('h2', {}, areaName(areaId), h('span', { class: 'count' }, list.length)),
        h('ul', { class: 'devices' }, list.map(device => {
          const row = deviceRow(device);
          rows.set(device.id, row);
          return row.element;
        })))));
    summarize();
    drawTokens();
  }

  function deviceRow(device) {
    const state = h('span', { class: 'state', testid: `state-${device.id}` });
    const detail = h('span', { class: 'device-detail' });
    const element = h('li', { class: 'device', testid: `device-${device.id}`, dataset: { domain: device.domain } },
      h('span', { class: 'device-icon' }, icon(DOMAIN_ICONS[device.domain] ?? 'plug')),
      h('span', { class: 'device-text' },
        h('span', { class: 'device-name' }, nameOf(device.names, device.id),
          device.gateway ? h('span', { class: 'badge' }, t('home.gateway')) : null,
          device.connects ? h('span', { class: 'badge accent', title: t('home.hasToken') }, t('home.connects')) : null),
        detail),
      state);
    const row = { element, state, detail };
    fill(row, device);
    return row;
  }

  function fill(row, device) {
    // A speaker or wall pad has no switchable state of its own: say what it is rather than "unknown".
    const voice = device.domain === 'assist_satellite' && device.state === 'unknown';
    row.state.textContent = voice ? t('home.voice') : stateLabel(device.state);
    row.state.className = `state ${ACTIVE_STATES.has(device.state) ? 'active' : 'inactive'}`;
    row.state.dataset.state = device.state;
    row.detail.textContent = attributeSummary(device);
  }

  function summarize() {
    const devices = home.devices.filter(d => d.domain !== 'assist_satellite');
    const on = devices.filter(d => ACTIVE_STATES.has(d.state)).length;
    container.querySelector('[data-testid=summary-devices]').replaceChildren(icon('plug'), t('home.deviceCount', { count: home.devices.length }));
    container.querySelector('[data-testid=summary-on]').replaceChildren(icon('light'), t('home.onCount', { count: on }));
  }

  function drawTokens() {
    if (!operator) {
      mount(tokensSlot);
      return;
    }
    const talkers = home.devices.filter(d => d.connects || d.domain === 'assist_satellite' || d.gateway);
    const others = home.devices.filter(d => !talkers.includes(d));
    const chooser = h('select', { testid: 'token-device' },
      others.map(d => h('option', { value: d.id }, `${nameOf(d.names, d.id)} (${d.id})`)));
    mount(tokensSlot, h('section', { class: 'card', testid: 'tokens' },
      h('div', { class: 'card-head' },
        h('div', {}, h('h2', {}, t('home.tokens')), h('p', { class: 'muted' }, t('home.tokensHint')))),
      h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, h('th', {}, t('common.device')), h('th', {}, t('home.area')), h('th', {}, t('home.token')), h('th', {}))),
        h('tbody', {}, talkers.map(device => h('tr', { testid: `token-row-${device.id}` },
          h('td', {}, nameOf(device.names, device.id), ' ', h('code', { class: 'muted' }, device.id)),
          h('td', {}, areaName(device.area)),
          h('td', {}, device.connects ? h('span', { class: 'badge accent' }, t('home.hasToken')) : h('span', { class: 'muted' }, t('home.noToken'))),
          h('td', { class: 'actions' },
            h('button', { type: 'button', class: 'btn small', testid: `issue-${device.id}`, onclick: () => issue(device) },
              device.connects ? t('home.rotate') : t('home.issue')),
            device.connects
              ? h('button', { type: 'button', class: 'btn small danger', testid: `revoke-${device.id}`, onclick: () => revoke(device) }, t('home.revoke'))
              : null))))),
      others.length
        ? h('div', { class: 'form-row compact' }, chooser,
          h('button', { type: 'button', class: 'btn small', onclick: () => issue(home.devices.find(d => d.id === chooser.value)) }, t('home.issueOther')))
        : null));
  }

  async function issue(device) {
    if (device.connects && !await confirmAction(t('home.rotateConfirm', { name: nameOf(device.names, device.id) }), t('home.rotate'))) return;
    try {
      const issued = await api('POST', `/v1/homes/${encodeURIComponent(homeId)}/devices/${encodeURIComponent(device.id)}/token`);
      deviceTokens.set(homeId, device.id, issued.token);
      await refresh(true);
      await showToken(device, issued.token);
    } catch (e) {
      flash(message, e.message, 'error');
    }
  }

  async function revoke(device) {
    if (!await confirmAction(t('home.revokeConfirm', { name: nameOf(device.names, device.id) }), t('home.revoke'))) return;
    try {
      await api('DELETE', `/v1/homes/${encodeURIComponent(homeId)}/devices/${encodeURIComponent(device.id)}/token`);
      deviceTokens.set(homeId, device.id, null);
      flash(message, t('home.revoked', { name: nameOf(device.names, device.id) }));
      await refresh(true);
    } catch (e) {
      flash(message, e.message, 'error');
    }
  }

  function showToken(device, token) {
    const open = h('button', {
      type: 'button',
      class: 'btn primary',
      testid: 'open-virtual-device',
      onclick: event => {
        event.target.closest('dialog').close();
        navigate(`#/device?home=${encodeURIComponent(homeId)}&device=${encodeURIComponent(device.id)}`);
      },
    }, t('home.openVirtual'));
    const copy = h('button', {
      type: 'button',
      class: 'btn',
      onclick: async event => {
        await navigator.clipboard?.writeText(token);
        event.target.textContent = t('common.copied');
      },
    }, t('common.copy'));
    return dialog(t('home.tokenIssued', { name: nameOf(device.names, device.id) }),
      [h('p', {}, t('home.tokenOnce')), h('pre', { class: 'secret', testid: 'issued-token' }, token)], [copy, open]);
  }

  async function addVirtualSpeaker() {
    const taken = new Set(home.devices.map(d => d.id));
    let id = 'console-speaker';
    for (let n = 2; taken.has(id); n++) id = `console-speaker-${n}`;
    try {
      const created = await api('POST', `/v1/homes/${encodeURIComponent(homeId)}/devices`, {
        id,
        domain: 'assist_satellite',
        area: home.areas[0]?.id,
        names: { ko: ['콘솔 스피커'], en: ['Console Speaker'] },
        connects: true,
      });
      deviceTokens.set(homeId, id, created.token);
      navigate(`#/device?home=${encodeURIComponent(homeId)}&device=${encodeURIComponent(id)}`);
    } catch (e) {
      flash(message, e.message, 'error');
    }
  }

  async function refresh(redraw = false) {
    const current = await get(`/v1/homes/${encodeURIComponent(homeId)}`);
    const sameDevices = current.devices.length === home.devices.length &&
      current.devices.every(d => rows.has(d.id) && home.devices.find(o => o.id === d.id)?.connects === d.connects);
    if (redraw || !sameDevices) {
      draw(current);
      return;
    }
    home = current;
    for (const device of current.devices) {
      const print = fingerprint(device);
      if (known.get(device.id) === print) continue;
      known.set(device.id, print);
      const row = rows.get(device.id);
      fill(row, device);
      row.element.classList.remove('changed');
      void row.element.offsetWidth; // restart the highlight animation
      row.element.classList.add('changed');
    }
    summarize();
  }

  let stopped = false;
  let timer;
  const poll = async () => {
    try {
      await refresh();
      liveDot.classList.remove('stale');
      liveText.textContent = t('home.live');
    } catch {
      liveDot.classList.add('stale');
      liveText.textContent = t('home.stale');
    }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  };
  timer = setTimeout(poll, POLL_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

const fingerprint = device => `${device.state}|${JSON.stringify(device.attributes ?? {})}`;
