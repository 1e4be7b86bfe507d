// Custom skills (GET /v1/skills) and which are enabled per site (GET/PUT/DELETE /v1/sites/{siteId}/skills/{skillId}).
import { h, mount } from '../dom.js';
import { ApiError, api, can, get, hasOperation, listAll, withQuery } from '../api.js';
import { t, lang } from '../i18n.js';
import { empty, field, flash, loading, pageHeader, problem, select, unavailable } from '../ui.js';

export async function render({ route, container, setTitle, navigate }) {
  setTitle(t('skills.title'));
  mount(container, pageHeader(t('skills.title'), t('skills.subtitle')), loading());
  if (!await hasOperation('GET', '/v1/skills')) {
    mount(container, pageHeader(t('skills.title'), t('skills.subtitle')), unavailable(t('skills.what')));
    return;
  }

  let skills;
  let sites;
  try {
    skills = await listAll('/v1/skills');
    sites = await listAll('/v1/sites');
  } catch (e) {
    mount(container, pageHeader(t('skills.title'), t('skills.subtitle')),
      e instanceof ApiError && e.routeMissing ? unavailable(t('skills.what')) : problem(e));
    return;
  }

  const siteId = route.query.get('siteId') ?? sites[0]?.id ?? '';
  const site = select(sites.map(s => [s.id, s.name]), siteId, {
    testid: 'skills-site',
    onchange: event => navigate(withQuery('#/skills', { siteId: event.target.value })),
  });
  const message = h('div', { class: 'flash-slot' });
  const enablement = h('div', {}, loading());

  mount(container,
    pageHeader(t('skills.title'), t('skills.subtitle')),
    message,
    h('div', { class: 'split wide-right' },
      h('section', { class: 'card' },
        h('h2', {}, t('skills.registered'), h('span', { class: 'count' }, skills.length)),
        skills.length === 0 ? empty(t('skills.none')) : h('ul', { class: 'skill-list', testid: 'skill-list' }, skills.map(skillCard))),
      h('section', { class: 'card', testid: 'skill-sites' },
        h('h2', {}, t('skills.perSite')),
        sites.length ? field(t('common.site'), site) : empty(t('sites.none')),
        enablement)));

  if (siteId) await drawEnablement();
  else mount(enablement);

  function skillCard(skill) {
    const names = skill.invocationNames ?? {};
    const intents = skill.interactionModel?.intents ?? [];
    const samples = intents.reduce((sum, i) => sum + (i.samples?.[lang()]?.length ?? 0), 0);
    return h('li', { class: 'skill', testid: `skill-${skill.id}` },
      h('div', { class: 'skill-head' },
        h('strong', {}, skill.name),
        skill.model?.status ? h('span', { class: `badge model-${skill.model.status}`, title: skill.model.error ?? '', testid: `skill-model-${skill.id}` },
          t(`skills.model.${skill.model.status}`)) : null,
        h('code', { class: 'muted skill-id' }, skill.id)),
      h('div', { class: 'skill-names' },
        (names.ko ?? []).map(n => h('span', { class: 'badge' }, `ko · ${n}`)),
        (names.en ?? []).map(n => h('span', { class: 'badge' }, `en · ${n}`))),
      h('p', { class: 'muted small' }, t('skills.model', { intents: intents.length, samples })),
      skill.webhook?.url ? h('p', { class: 'small' }, t('skills.webhook'), ' ', h('code', {}, skill.webhook.url)) : null);
  }

  async function drawEnablement() {
    let list;
    try {
      list = (await get(`/v1/sites/${encodeURIComponent(siteId)}/skills`)).items ?? [];
    } catch (e) {
      mount(enablement, problem(e));
      return;
    }
    const admin = can('admin');
    mount(enablement, list.length === 0 ? empty(t('skills.none')) : h('ul', { class: 'toggles' }, list.map(item => {
      const toggle = h('input', {
        type: 'checkbox',
        role: 'switch',
        checked: item.enabled,
        disabled: !admin,
        testid: `enable-${item.id}`,
        onchange: async event => {
          const on = event.target.checked;
          event.target.disabled = true;
          try {
            await api(on ? 'PUT' : 'DELETE', `/v1/sites/${encodeURIComponent(siteId)}/skills/${encodeURIComponent(item.id)}`);
            flash(message, t(on ? 'skills.enabled' : 'skills.disabled', { name: item.name }));
          } catch (e) {
            event.target.checked = !on;
            flash(message, e.message, 'error');
          } finally {
            event.target.disabled = false;
          }
        },
      });
      return h('li', {}, h('label', { class: 'switch' }, toggle, h('span', { class: 'slider', 'aria-hidden': 'true' }), h('span', {}, item.name)));
    })), admin ? null : h('p', { class: 'muted small' }, t('skills.adminOnly')));
  }
}
