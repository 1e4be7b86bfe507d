// Sites and their space trees; owners create sites and spaces, everyone opens the homes in them.
import { h, icon, mount } from '../dom.js';
import { api, can, listAll } from '../api.js';
import { t } from '../i18n.js';
import { empty, field, loading, pageHeader, problem, select } from '../ui.js';

const SITE_KINDS = ['apartment_complex', 'hotel', 'fleet', 'house', 'office', 'other'];
const SPACE_KINDS = ['building', 'floor', 'unit', 'room', 'vehicle', 'zone'];
const SPACE_ICONS = { building: 'building', floor: 'floor', unit: 'home', room: 'room', vehicle: 'vehicle', zone: 'zone' };

export async function render({ route, container, setTitle, navigate }) {
  setTitle(t('sites.title'));
  const admin = can('admin');
  const listSlot = h('div', { class: 'site-list', testid: 'site-list' }, loading());
  const treeSlot = h('div', { class: 'tree-panel' });
  const newSite = admin
    ? h('button', { type: 'button', class: 'btn primary', testid: 'new-site', onclick: () => showSiteForm() }, icon('plus'), t('sites.new'))
    : null;
  const formSlot = h('div');
  mount(container,
    pageHeader(t('sites.title'), t('sites.subtitle'), newSite),
    formSlot,
    h('div', { class: 'split' }, h('section', { class: 'card', 'aria-label': t('sites.list') }, h('h2', {}, t('sites.list')), listSlot), treeSlot));

  let sites;
  try {
    sites = await listAll('/v1/sites');
  } catch (e) {
    mount(listSlot, problem(e));
    return;
  }

  const selected = route.args[0] ?? sites[0]?.id;
  mount(listSlot, sites.length === 0
    ? empty(t('sites.none'))
    : h('ul', { class: 'pick-list' }, sites.map(site => h('li', {},
      h('a', { href: `#/sites/${encodeURIComponent(site.id)}`, class: ['pick', site.id === selected && 'active'], testid: `site-${site.id}` },
        h('span', { class: 'pick-title' }, site.name),
        h('span', { class: 'pick-meta' }, t(`siteKind.${site.kind}`), ' · ', h('code', {}, site.id)))))));

  const site = sites.find(s => s.id === selected);
  if (site) await renderTree(site);
  else mount(treeSlot, h('section', { class: 'card' }, empty(t('sites.pick'))));

  function showSiteForm() {
    const name = h('input', { required: true, maxlength: 200, testid: 'site-name', placeholder: t('sites.namePlaceholder') });
    const kind = select(SITE_KINDS.map(k => [k, t(`siteKind.${k}`)]), 'apartment_complex', { testid: 'site-kind' });
    const error = h('div');
    mount(formSlot, h('form', {
      class: 'card inline-form',
      testid: 'site-form',
      onsubmit: async event => {
        event.preventDefault();
        try {
          const created = await api('POST', '/v1/sites', { name: name.value.trim(), kind: kind.value });
          navigate(`#/sites/${encodeURIComponent(created.id)}`);
        } catch (e) {
          mount(error, problem(e));
        }
      },
    },
    h('h2', {}, t('sites.new')),
    h('div', { class: 'form-row' }, field(t('common.name'), name), field(t('common.kind'), kind)),
    error,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn primary', testid: 'site-create' }, t('common.create')),
      h('button', { type: 'button', class: 'btn', onclick: () => mount(formSlot) }, t('common.cancel')))));
    name.focus();
  }

  async function renderTree(site) {
    mount(treeSlot, h('section', { class: 'card' }, loading()));
    let spaces;
    try {
      spaces = await listAll(`/v1/sites/${encodeURIComponent(site.id)}/spaces`);
    } catch (e) {
      mount(treeSlot, h('section', { class: 'card' }, problem(e)));
      return;
    }

    const children = new Map();
    for (const space of spaces) {
      const key = space.parentId ?? '';
      if (!children.has(key)) children.set(key, []);
      children.get(key).push(space);
    }
    for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));

    const branch = parent => {
      const list = children.get(parent) ?? [];
      if (list.length === 0) return null;
      return h('ul', { class: 'tree' }, list.map(space => h('li', {},
        h('div', { class: 'tree-node', testid: `space-${space.id}` },
          icon(SPACE_ICONS[space.kind] ?? 'zone'),
          h('span', { class: 'tree-name' }, space.name),
          h('span', { class: 'badge' }, t(`spaceKind.${space.kind}`)),
          space.homeId
            ? h('a', { class: 'btn small', href: `#/homes/${encodeURIComponent(space.homeId)}`, testid: `open-home-${space.homeId}` }, icon('home'), t('sites.openHome'))
            : null),
        branch(space.id))));
    };

    const addSpace = can('admin')
      ? h('button', { type: 'button', class: 'btn', testid: 'new-space', onclick: () => showSpaceForm() }, icon('plus'), t('spaces.new'))
      : null;
    const spaceForm = h('div');
    const homes = spaces.filter(s => s.homeId).length;
    mount(treeSlot, h('section', { class: 'card', testid: 'space-tree' },
      h('div', { class: 'card-head' },
        h('div', {},
          h('h2', {}, site.name),
          h('p', { class: 'muted' }, t(`siteKind.${site.kind}`), ' · ', t('sites.counts', { spaces: spaces.length, homes }))),
        addSpace),
      spaceForm,
      spaces.length === 0 ? empty(t('spaces.none')) : branch('')));

    function showSpaceForm() {
      const name = h('input', { required: true, maxlength: 200, testid: 'space-name', placeholder: t('spaces.namePlaceholder') });
      const kind = select(SPACE_KINDS.map(k => [k, t(`spaceKind.${k}`)]), 'building', { testid: 'space-kind' });
      const parent = select([['', t('spaces.noParent')], ...spaces.map(s => [s.id, `${s.name} (${t(`spaceKind.${s.kind}`)})`])], '',
        { testid: 'space-parent' });
      const error = h('div');
      mount(spaceForm, h('form', {
        class: 'inline-form nested',
        testid: 'space-form',
        onsubmit: async event => {
          event.preventDefault();
          try {
            await api('POST', `/v1/sites/${encodeURIComponent(site.id)}/spaces`,
              { name: name.value.trim(), kind: kind.value, parentId: parent.value || undefined });
            await renderTree(site);
          } catch (e) {
            mount(error, problem(e));
          }
        },
      },
      h('div', { class: 'form-row' }, field(t('common.name'), name), field(t('common.kind'), kind), field(t('spaces.parent'), parent)),
      error,
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'btn primary', testid: 'space-create' }, t('common.create')),
        h('button', { type: 'button', class: 'btn', onclick: () => mount(spaceForm) }, t('common.cancel')))));
      name.focus();
    }
  }
}
