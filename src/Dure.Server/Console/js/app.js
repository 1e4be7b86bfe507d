// The console's shell: sign-in gate, navigation, language toggle and a hash router over the views.
import { h, icon, mount } from './dom.js';
import { api, session } from './api.js';
import { t, lang, setLang, onLanguageChange } from './i18n.js';
import * as signin from './views/signin.js';
import * as sites from './views/sites.js';
import * as home from './views/home.js';
import * as conversations from './views/conversations.js';
import * as analytics from './views/analytics.js';
import * as skills from './views/skills.js';
import * as activate from './views/activate.js';
import * as device from './views/device.js';
import { disconnectVirtualDevice } from './virtual-device.js';

const RETURN_KEY = 'dure.returnTo';

const routes = {
  signin: { view: signin, public: true },
  sites: { view: sites, nav: 'sites' },
  homes: { view: home, nav: 'sites' },
  conversations: { view: conversations, nav: 'conversations' },
  analytics: { view: analytics, nav: 'analytics' },
  skills: { view: skills, nav: 'skills' },
  activate: { view: activate, nav: 'activate' },
  device: { view: device, nav: 'device' },
};

const navigation = [
  ['sites', 'sites', 'nav.sites'],
  ['conversations', 'chat', 'nav.conversations'],
  ['analytics', 'chart', 'nav.analytics'],
  ['skills', 'skills', 'nav.skills'],
  ['activate', 'key', 'nav.activate'],
  ['device', 'device', 'nav.device'],
];

const root = document.getElementById('app');
let cleanup = null;

/** The current route: "#/homes/demo-home?x=1" → { name: 'homes', args: ['demo-home'], query }. */
export function currentRoute() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = hash.split('?');
  const [name = '', ...args] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name, args, query: new URLSearchParams(search) };
}

export function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

function languageToggle() {
  return h('div', { class: 'lang-toggle', role: 'group', 'aria-label': 'Language' },
    ['ko', 'en'].map(code => h('button', {
      type: 'button',
      class: code === lang() ? 'active' : '',
      'aria-pressed': code === lang() ? 'true' : 'false',
      testid: `lang-${code}`,
      onclick: () => setLang(code),
    }, code === 'ko' ? '한국어' : 'English')));
}

async function signOut() {
  try {
    await api('DELETE', '/v1/session');
  } catch {
    // The session may have ended already; signing out locally is what matters.
  }
  disconnectVirtualDevice();
  session.clear();
  navigate('#/signin');
}

function shell(active) {
  const user = session.current?.user;
  const main = h('main', { class: 'content', id: 'view' });
  const layout = h('div', { class: 'layout' },
    h('aside', { class: 'sidebar' },
      h('a', { class: 'brand', href: '#/sites' },
        h('img', { src: 'icon.svg', alt: '', class: 'brand-mark' }),
        h('span', { class: 'brand-name' }, t('app.name')),
        h('span', { class: 'brand-sub' }, t('app.console'))),
      h('nav', { class: 'nav', 'aria-label': t('nav.label') },
        navigation.map(([name, iconName, label]) => h('a', {
          href: `#/${name}`,
          class: ['nav-item', name === active && 'active'],
          'aria-current': name === active ? 'page' : null,
          testid: `nav-${name}`,
        }, icon(iconName), h('span', {}, t(label))))),
      h('div', { class: 'sidebar-foot' },
        h('a', { href: '/docs', class: 'docs-link', target: '_blank', rel: 'noopener' }, t('nav.apiDocs')))),
    h('div', { class: 'main' },
      h('header', { class: 'topbar' },
        h('div', { class: 'tenant', testid: 'tenant' }, h('span', { class: 'muted' }, t('app.tenant')), ' ', h('strong', {}, session.current?.tenantId ?? '')),
        h('div', { class: 'topbar-right' },
          languageToggle(),
          h('div', { class: 'user-chip', testid: 'user' },
            h('span', { class: 'avatar', 'aria-hidden': 'true' }, (user?.name || user?.email || '?').slice(0, 1).toUpperCase()),
            h('span', { class: 'user-text' },
              h('span', { class: 'user-email' }, user?.email ?? ''),
              h('span', { class: 'user-role', testid: 'user-role' }, t(`role.${user?.role ?? 'viewer'}`)))),
          h('button', { type: 'button', class: 'btn ghost', testid: 'sign-out', onclick: signOut }, icon('signout'), t('nav.signOut')))),
      main));
  mount(root, layout);
  return main;
}

async function render() {
  if (cleanup) {
    try {
      cleanup();
    } catch {
      // A view's cleanup must not stop the next view.
    }
    cleanup = null;
  }

  document.documentElement.lang = lang();
  let route = currentRoute();
  if (!routes[route.name]) {
    navigate(session.current ? '#/sites' : '#/signin');
    return;
  }

  const entry = routes[route.name];
  if (!entry.public && !session.current) {
    sessionStorage.setItem(RETURN_KEY, location.hash);
    navigate('#/signin');
    return;
  }

  if (route.name === 'signin' && session.current) {
    navigate('#/sites');
    return;
  }

  let container;
  if (entry.public) {
    container = mount(root, h('main', { class: 'public', id: 'view' }));
  } else {
    container = shell(entry.nav);
  }

  const context = {
    route,
    container,
    navigate,
    setTitle: title => {
      document.title = `${title} · ${t('app.name')} ${t('app.console')}`;
    },
    signedIn: () => {
      const back = sessionStorage.getItem(RETURN_KEY);
      sessionStorage.removeItem(RETURN_KEY);
      navigate(back && !back.startsWith('#/signin') ? back : '#/sites');
    },
    languageToggle,
  };
  try {
    cleanup = (await entry.view.render(context)) ?? null;
  } catch (error) {
    mount(container, h('div', { class: 'card error-card', role: 'alert' }, h('h2', {}, t('error.title')), h('p', {}, error.message)));
  }
}

window.addEventListener('hashchange', render);
window.addEventListener('dure:signedout', () => {
  disconnectVirtualDevice();
  sessionStorage.setItem(RETURN_KEY, location.hash);
  navigate('#/signin');
});
onLanguageChange(render);

render();
