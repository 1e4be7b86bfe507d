// The conversation log (GET /v1/conversations): filters, newest first, "more" by cursor; admins delete a home's log.
import { h, mount } from '../dom.js';
import { ApiError, api, can, get, hasOperation, listAll, listHomes, withQuery } from '../api.js';
import { t } from '../i18n.js';
import { confirmAction, empty, field, flash, formatNumber, formatTime, loading, pageHeader, problem, select, unavailable } from '../ui.js';

const PAGE = 50;

export async function render({ route, container, setTitle, navigate }) {
  setTitle(t('conversations.title'));
  mount(container, pageHeader(t('conversations.title'), t('conversations.subtitle')), loading());
  if (!await hasOperation('GET', '/v1/conversations')) {
    mount(container, pageHeader(t('conversations.title'), t('conversations.subtitle')), unavailable(t('conversations.what')));
    return;
  }

  const q = route.query;
  const filters = {
    siteId: q.get('siteId') ?? '',
    homeId: q.get('homeId') ?? '',
    deviceId: q.get('deviceId') ?? '',
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
  };
  let sites = [];
  let homes = [];
  try {
    sites = await listAll('/v1/sites');
    homes = await listHomes();
  } catch (e) {
    mount(container, pageHeader(t('conversations.title')), problem(e));
    return;
  }

  const site = select([['', t('common.all')], ...sites.map(s => [s.id, s.name])], filters.siteId, { testid: 'conv-site' });
  const homeNames = new Map(homes.map(x => [x.id, x.name]));
  const home = select([['', t('common.all')], ...homes.filter(x => x.siteId === filters.siteId).map(x => [x.id, x.name])], filters.homeId,
    { testid: 'conv-home', disabled: !filters.siteId });
  const device = h('input', { value: filters.deviceId, placeholder: 'wallpad', testid: 'conv-device' });
  const from = h('input', { type: 'date', value: filters.from, testid: 'conv-from' });
  const to = h('input', { type: 'date', value: filters.to, testid: 'conv-to' });
  const apply = () => navigate(withQuery('#/conversations', {
    siteId: site.value, homeId: site.value === filters.siteId ? home.value : '', deviceId: device.value.trim(), from: from.value, to: to.value,
  }));
  site.addEventListener('change', apply);

  const message = h('div', { class: 'flash-slot' });
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'btn', testid: 'conv-more', hidden: true });
  const tableSlot = h('div', { class: 'table-wrap' }, loading());
  const removal = can('admin') && filters.homeId
    ? h('button', { type: 'button', class: 'btn danger', testid: 'conv-delete', onclick: () => removeLog() }, t('conversations.delete'))
    : null;

  mount(container,
    pageHeader(t('conversations.title'), t('conversations.subtitle'), removal),
    h('form', {
      class: 'card filters',
      onsubmit: event => {
        event.preventDefault();
        apply();
      },
    },
    field(t('common.site'), site), field(t('common.home'), home), field(t('common.device'), device),
    field(t('common.from'), from), field(t('common.to'), to),
    h('button', { type: 'submit', class: 'btn primary', testid: 'conv-apply' }, t('common.apply'))),
    message,
    h('section', { class: 'card' }, tableSlot, h('div', { class: 'more' }, more)));

  const query = { siteId: filters.siteId, homeId: filters.homeId, deviceId: filters.deviceId, from: dayStart(filters.from), to: dayEnd(filters.to) };
  let count = 0;
  await load();

  async function load(cursor) {
    let page;
    try {
      page = await get('/v1/conversations', { ...query, limit: PAGE, cursor });
    } catch (e) {
      mount(tableSlot, e instanceof ApiError && e.routeMissing ? unavailable(t('conversations.what')) : problem(e));
      return;
    }
    if (!cursor) {
      count = 0;
      mount(tableSlot, h('table', { class: 'table conversations', testid: 'conv-table' },
        h('thead', {}, h('tr', {},
          ['conversations.at', 'common.device', 'conversations.text', 'conversations.intent', 'conversations.reply', 'conversations.latency']
            .map(key => h('th', {}, t(key))))),
        body));
      body.replaceChildren();
    }
    for (const item of page.items) body.append(row(item));
    count += page.items.length;
    if (count === 0) mount(tableSlot, empty(t('conversations.none')));
    more.hidden = !page.nextCursor;
    more.textContent = t('common.more');
    more.onclick = () => load(page.nextCursor);
  }

  function row(item) {
    return h('tr', { testid: 'conv-row', class: item.understood ? '' : 'not-understood' },
      h('td', { class: 'nowrap' }, formatTime(item.at)),
      h('td', {}, h('code', {}, item.deviceId), h('div', { class: 'muted small', title: item.homeId }, homeNames.get(item.homeId) ?? item.homeId)),
      h('td', {}, h('span', { class: 'utterance' }, item.text), item.lang ? h('span', { class: 'badge' }, item.lang) : null,
        item.scheduled ? h('span', { class: 'badge', title: t('conversations.scheduledHint') }, t('conversations.scheduled')) : null),
      h('td', {}, item.understood
        ? h('code', { class: 'intent' }, item.intent ?? '—')
        : h('span', { class: 'badge warn' }, t('conversations.notUnderstood'))),
      h('td', {}, item.error ? h('span', { class: 'badge danger' }, item.error) : null, item.reply ?? ''),
      h('td', { class: 'num' }, `${formatNumber(item.latencyMs)} ms`));
  }

  async function removeLog() {
    if (!await confirmAction(t('conversations.deleteConfirm', { home: filters.homeId }), t('conversations.delete'))) return;
    try {
      const result = await api('DELETE', withQuery('/v1/conversations', { homeId: filters.homeId, deviceId: filters.deviceId }));
      flash(message, t('conversations.deleted', { count: result?.deleted ?? 0 }));
      await load();
    } catch (e) {
      flash(message, e.message, 'error');
    }
  }
}

// The date inputs are local days; the API takes instants.
const dayStart = day => (day ? new Date(`${day}T00:00:00`).toISOString() : '');
const dayEnd = day => (day ? new Date(new Date(`${day}T00:00:00`).getTime() + 86_400_000).toISOString() : '');
