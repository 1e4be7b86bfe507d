// Device activation (RFC 8628): a user code from the device's screen, the home and name it gets, approve or deny.
import { h, mount } from '../dom.js';
import { ApiError, api, can, get, hasOperation, listHomes, withQuery } from '../api.js';
import { t, nameOf } from '../i18n.js';
import { empty, field, formatTime, loading, pageHeader, problem, select, unavailable } from '../ui.js';

export async function render({ route, container, setTitle, navigate }) {
  setTitle(t('activate.title'));
  const header = () => pageHeader(t('activate.title'), t('activate.subtitle'));
  mount(container, header(), loading());
  if (!await hasOperation('GET', '/v1/device-codes/{userCode}')) {
    mount(container, header(), unavailable(t('activate.what')));
    return;
  }
  if (!can('provisioning')) {
    mount(container, header(), h('div', { class: 'card notice', testid: 'activate-forbidden' }, t('activate.forbidden')));
    return;
  }

  const code = (route.query.get('code') ?? '').trim().toUpperCase();
  const input = h('input', { value: code, placeholder: 'ABCD-EFGH', testid: 'activate-code', class: 'code-input', autocomplete: 'off', maxlength: 32 });
  const lookup = h('form', {
    class: 'card lookup',
    onsubmit: event => {
      event.preventDefault();
      navigate(withQuery('#/activate', { code: input.value.trim().toUpperCase() }));
    },
  },
  h('h2', {}, t('activate.enterCode')),
  h('p', { class: 'muted' }, t('activate.codeHint')),
  h('div', { class: 'form-row compact' }, input, h('button', { type: 'submit', class: 'btn primary', testid: 'activate-lookup' }, t('activate.lookup'))));
  const result = h('div');
  mount(container, header(), h('div', { class: 'activate' }, lookup, result));
  if (!code) {
    input.focus();
    return;
  }

  mount(result, loading());
  let request;
  try {
    request = await get(`/v1/device-codes/${encodeURIComponent(code)}`);
  } catch (e) {
    mount(result, e instanceof ApiError && e.routeMissing ? unavailable(t('activate.what'))
      : e instanceof ApiError && e.status === 404 ? h('div', { class: 'notice error', testid: 'activate-unknown' }, t('activate.unknown'))
        : problem(e));
    return;
  }

  const info = h('dl', { class: 'facts' },
    h('dt', {}, t('activate.product')), h('dd', { testid: 'activate-client' }, request.clientName ?? request.clientId),
    h('dt', {}, t('activate.code')), h('dd', {}, h('code', {}, request.userCode)),
    h('dt', {}, t('activate.status')), h('dd', { testid: 'activate-status' }, t(`activate.state.${request.status}`)),
    h('dt', {}, t('activate.expires')), h('dd', {}, formatTime(request.expiresAt)));

  if (request.status !== 'pending') {
    mount(result, h('section', { class: 'card' }, h('h2', {}, t('activate.request')), info));
    return;
  }

  const homes = await listHomes();
  if (homes.length === 0) {
    mount(result, h('section', { class: 'card' }, info, empty(t('activate.noHomes'))));
    return;
  }
  const homePick = select(homes.map(x => [x.id, `${x.name} · ${x.siteName}`]), homes[0].id, { testid: 'activate-home' });
  const areaPick = select([], '', { testid: 'activate-area' });
  const deviceId = h('input', { value: suggestId(request.clientId), testid: 'activate-device-id', required: true, maxlength: 64 });
  const nameKo = h('input', { value: '', placeholder: '거실 스피커', testid: 'activate-name-ko' });
  const nameEn = h('input', { value: '', placeholder: 'Living Room Speaker', testid: 'activate-name-en' });
  const error = h('div');
  const fillAreas = async () => {
    const home = await get(`/v1/homes/${encodeURIComponent(homePick.value)}`);
    mount(areaPick, h('option', { value: '' }, t('activate.noArea')), home.areas.map(a => h('option', { value: a.id }, nameOf(a.names, a.id))));
  };
  homePick.addEventListener('change', fillAreas);
  await fillAreas();

  const decide = async approve => {
    mount(error);
    try {
      if (approve) {
        const names = {};
        if (nameKo.value.trim()) names.ko = [nameKo.value.trim()];
        if (nameEn.value.trim()) names.en = [nameEn.value.trim()];
        if (!names.ko && !names.en) {
          mount(error, problem(new Error(t('activate.needName'))));
          return;
        }
        const approved = await api('POST', `/v1/device-codes/${encodeURIComponent(code)}/approve`,
          { homeId: homePick.value, deviceId: deviceId.value.trim(), names, area: areaPick.value || undefined });
        mount(result, h('div', { class: 'card notice ok', testid: 'activate-approved' },
          h('h2', {}, t('activate.approved')), h('p', {}, t('activate.approvedBody', { device: approved.deviceId, home: approved.homeId }))));
      } else {
        await api('POST', `/v1/device-codes/${encodeURIComponent(code)}/deny`);
        mount(result, h('div', { class: 'card notice', testid: 'activate-denied' }, h('h2', {}, t('activate.denied'))));
      }
    } catch (e) {
      mount(error, problem(e));
    }
  };

  mount(result, h('section', { class: 'card', testid: 'activate-request' },
    h('h2', {}, t('activate.request')),
    info,
    h('div', { class: 'form-grid' },
      field(t('common.home'), homePick), field(t('activate.area'), areaPick), field(t('activate.deviceId'), deviceId),
      field(t('activate.nameKo'), nameKo), field(t('activate.nameEn'), nameEn)),
    error,
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'btn primary', testid: 'activate-approve', onclick: () => decide(true) }, t('activate.approve')),
      h('button', { type: 'button', class: 'btn danger', testid: 'activate-deny', onclick: () => decide(false) }, t('activate.deny')))));
  nameKo.focus();
}

const suggestId = clientId => `${(clientId ?? 'device').replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 40)}-${Math.random().toString(36).slice(2, 6)}`;
