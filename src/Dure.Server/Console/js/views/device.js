// The virtual device: pick a home's device whose token this tab holds (or issue one), connect, and type to the assistant.
import { h, icon, mount } from '../dom.js';
import { api, can, deviceTokens, get, listHomes } from '../api.js';
import { t, nameOf } from '../i18n.js';
import { confirmAction, empty, field, flash, loading, pageHeader, problem, select } from '../ui.js';
import { clearConversation, connectVirtualDevice, disconnectVirtualDevice, say, subscribe, virtualDevice } from '../virtual-device.js';

const SUGGESTIONS = {
  ko: ['거실 불 켜줘', '거실 불 꺼줘', '현관문 잠겨 있어?', '지금 몇 시야?'],
  en: ['Turn on the living room light', 'Is the front door locked?', 'What time is it?'],
};

export async function render({ route, container, setTitle, navigate }) {
  setTitle(t('device.title'));
  mount(container, pageHeader(t('device.title'), t('device.subtitle')), loading());
  let homes;
  try {
    homes = await listHomes();
  } catch (e) {
    mount(container, pageHeader(t('device.title')), problem(e));
    return;
  }

  const homeId = route.query.get('home') ?? virtualDevice.homeId ?? homes[0]?.id;
  let home = null;
  if (homeId) {
    try {
      home = await get(`/v1/homes/${encodeURIComponent(homeId)}`);
    } catch (e) {
      mount(container, pageHeader(t('device.title')), problem(e));
      return;
    }
  }

  const talkers = home ? [...home.devices].sort((a, b) => rank(a) - rank(b)) : [];
  const wanted = route.query.get('device') ?? (virtualDevice.homeId === homeId ? virtualDevice.deviceId : null);
  const deviceId = talkers.find(d => d.id === wanted)?.id ?? talkers.find(d => deviceTokens.get(homeId, d.id))?.id ?? talkers[0]?.id;

  const homePicker = select(homes.map(x => [x.id, `${x.name} · ${x.siteName}`]), homeId, {
    testid: 'vd-home',
    onchange: event => navigate(`#/device?home=${encodeURIComponent(event.target.value)}`),
  });
  const devicePicker = select(talkers.map(d => [d.id, `${nameOf(d.names, d.id)} (${d.id})`]), deviceId, {
    testid: 'vd-device',
    onchange: event => navigate(`#/device?home=${encodeURIComponent(homeId)}&device=${encodeURIComponent(event.target.value)}`),
  });
  const setupMessage = h('div', { class: 'flash-slot' });
  const tokenSlot = h('div', { class: 'token-state' });
  const statusBadge = h('span', { class: 'conn', testid: 'vd-status' });
  const connectButton = h('button', { type: 'button', class: 'btn primary wide', testid: 'vd-connect', onclick: () => toggleConnection() });
  const pasted = h('input', { type: 'password', placeholder: t('device.pastePlaceholder'), testid: 'vd-paste', autocomplete: 'off' });

  const log = h('div', { class: 'chat-log', testid: 'chat-log', 'aria-live': 'polite' });
  const input = h('input', { type: 'text', maxlength: 1000, placeholder: t('device.placeholder'), testid: 'vd-input', autocomplete: 'off' });
  const langPicker = select([['', t('device.langAuto')], ['ko', '한국어'], ['en', 'English']], '', { testid: 'vd-lang', 'aria-label': t('device.lang') });
  const listening = h('span', { class: 'listening', testid: 'vd-listening', hidden: true }, t('device.listening'));
  const composer = h('form', {
    class: 'composer',
    onsubmit: event => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      if (say(text, langPicker.value || null)) input.value = '';
    },
  }, langPicker, input, h('button', { type: 'submit', class: 'btn primary', testid: 'vd-send' }, icon('send'), t('device.send')));
  const chips = h('div', { class: 'suggestions' },
    [...SUGGESTIONS.ko, ...SUGGESTIONS.en].map(text => h('button', {
      type: 'button',
      class: 'chip-button',
      onclick: () => {
        input.value = text;
        input.focus();
      },
    }, text)));

  mount(container,
    pageHeader(t('device.title'), t('device.subtitle')),
    homes.length === 0 ? empty(t('device.noHomes')) : h('div', { class: 'device-layout' },
      h('section', { class: 'card setup' },
        h('h2', {}, t('device.setup')),
        field(t('common.home'), homePicker),
        field(t('common.device'), devicePicker),
        tokenSlot,
        setupMessage,
        connectButton,
        h('p', { class: 'muted small' }, t('device.note'))),
      h('section', { class: 'card chat' },
        h('div', { class: 'chat-head' },
          h('div', {}, h('h2', {}, t('device.conversation')), statusBadge),
          h('button', { type: 'button', class: 'btn small ghost', onclick: () => clearConversation() }, t('device.clear'))),
        log,
        listening,
        composer,
        chips)));

  function currentToken() {
    return deviceTokens.get(homeId, deviceId);
  }

  function drawToken() {
    const device = talkers.find(d => d.id === deviceId);
    if (!device) {
      mount(tokenSlot, empty(t('device.noDevices')));
      return;
    }
    if (currentToken()) {
      mount(tokenSlot, h('p', { class: 'ok-text', testid: 'vd-token-held' }, t('device.tokenHeld')));
      return;
    }
    const issue = can('provisioning')
      ? h('button', { type: 'button', class: 'btn', testid: 'vd-issue', onclick: () => issueToken(device) }, t('device.issue'))
      : null;
    mount(tokenSlot,
      h('p', { class: 'muted' }, device.connects ? t('device.tokenElsewhere') : t('device.tokenNone')),
      issue,
      h('div', { class: 'form-row compact' }, pasted,
        h('button', {
          type: 'button',
          class: 'btn small',
          onclick: () => {
            if (!pasted.value.trim()) return;
            deviceTokens.set(homeId, deviceId, pasted.value.trim());
            drawToken();
            drawStatus();
          },
        }, t('device.useToken'))));
  }

  async function issueToken(device) {
    if (device.connects && !await confirmAction(t('device.rotateWarning', { name: nameOf(device.names, device.id) }), t('device.issue'))) return;
    try {
      const issued = await api('POST', `/v1/homes/${encodeURIComponent(homeId)}/devices/${encodeURIComponent(device.id)}/token`);
      deviceTokens.set(homeId, device.id, issued.token);
      device.connects = true;
      drawToken();
      drawStatus();
    } catch (e) {
      flash(setupMessage, e.message, 'error');
    }
  }

  const connectedHere = () => virtualDevice.homeId === homeId && virtualDevice.deviceId === deviceId;

  function drawStatus() {
    const here = connectedHere();
    const status = here ? virtualDevice.status : 'idle';
    statusBadge.className = `conn ${status}`;
    statusBadge.dataset.status = status;
    let text = t(`device.status.${status}`);
    if (here && status === 'closed' && virtualDevice.closeCode && virtualDevice.closeCode !== 1000) {
      const reason = { 4000: 'device.closed4000', 4001: 'device.closed4001', 1006: 'device.closed1006', 1001: 'device.closed1001' }[virtualDevice.closeCode];
      text = reason ? t(reason) : `${text} (${virtualDevice.closeCode})`;
    }
    statusBadge.textContent = text;
    const open = here && (status === 'open' || status === 'connecting');
    connectButton.textContent = open ? t('device.disconnect') : t('device.connect');
    connectButton.disabled = !open && !currentToken();
    input.disabled = !(here && status === 'open');
    listening.hidden = !(here && virtualDevice.expecting);
  }

  function toggleConnection() {
    if (connectedHere() && (virtualDevice.status === 'open' || virtualDevice.status === 'connecting')) {
      disconnectVirtualDevice();
      return;
    }
    const token = currentToken();
    if (token) connectVirtualDevice(homeId, deviceId, token);
  }

  function drawLog() {
    if (!connectedHere() || virtualDevice.entries.length === 0) {
      mount(log, empty(t('device.empty')));
      return;
    }
    mount(log, virtualDevice.entries.map(entry));
    log.scrollTop = log.scrollHeight;
  }

  function entry(item) {
    const time = h('time', {}, item.at.toLocaleTimeString(t('locale'), { hour: '2-digit', minute: '2-digit', second: '2-digit' }));
    switch (item.kind) {
      case 'user':
        return h('div', { class: 'bubble user', testid: 'chat-user' }, h('p', {}, item.text), time);
      case 'assistant':
        return h('div', { class: 'bubble assistant', testid: 'chat-assistant' }, h('p', {}, item.text), time);
      case 'error':
        return h('div', { class: 'bubble error', testid: 'chat-error' }, h('p', {}, h('strong', {}, item.code), ' ', item.text), time);
      default:
        return h('div', { class: 'directive', testid: 'chat-directive', dataset: { name: item.name } },
          h('div', { class: 'directive-head' }, icon(item.name === 'Device.Control' ? 'plug' : 'device'), h('strong', {}, item.name), time),
          item.name === 'Device.Control'
            ? h('p', { testid: 'chat-control' }, h('code', {}, `${item.payload.domain}.${item.payload.action}`), ' → ', h('code', {}, item.payload.device),
              item.payload.params && Object.keys(item.payload.params).length ? [' ', h('code', { class: 'muted' }, JSON.stringify(item.payload.params))] : null)
            : h('pre', {}, JSON.stringify(item.payload, null, 1)),
          h('span', { class: 'acked' }, t('device.acked')));
    }
  }

  const unsubscribe = subscribe(event => {
    if (event.type === 'entry' || event.type === 'cleared') drawLog();
    drawStatus();
    if (event.type === 'expect' && connectedHere()) input.focus();
  });
  drawToken();
  drawStatus();
  drawLog();
  if (!input.disabled) input.focus();
  return unsubscribe;
}

// Devices people talk through first: speakers and wall pads, then the rest.
const rank = device => (device.domain === 'assist_satellite' ? 0 : device.gateway ? 1 : device.connects ? 2 : 3);
