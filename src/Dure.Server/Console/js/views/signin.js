import { h, mount } from '../dom.js';
import { api, session, ApiError } from '../api.js';
import { t } from '../i18n.js';

export async function render({ container, setTitle, signedIn, languageToggle }) {
  setTitle(t('signin.title'));
  const error = h('p', { class: 'form-error', role: 'alert', testid: 'signin-error', hidden: true });
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, testid: 'signin-email', placeholder: 'name@example.com' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, testid: 'signin-password' });
  const submit = h('button', { type: 'submit', class: 'btn primary wide', testid: 'signin-submit' }, t('signin.submit'));

  const form = h('form', {
    class: 'signin-form',
    onsubmit: async event => {
      event.preventDefault();
      error.hidden = true;
      submit.disabled = true;
      try {
        const signed = await api('POST', '/v1/session', { email: email.value.trim(), password: password.value }, { anonymous: true });
        session.save({ token: signed.token, expiresAt: signed.expiresAt, tenantId: signed.tenantId, user: signed.user, scopes: [] });
        const who = await api('GET', '/v1/session');
        session.save({ ...session.current, scopes: who.scopes ?? [] });
        signedIn();
      } catch (e) {
        error.textContent = e instanceof ApiError && e.status === 401 ? t('signin.wrong') : t('signin.failed', { detail: e.message });
        error.hidden = false;
        password.select();
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('label', { class: 'field' }, h('span', {}, t('signin.email')), email),
  h('label', { class: 'field' }, h('span', {}, t('signin.password')), password),
  error,
  submit);

  mount(container,
    h('div', { class: 'signin' },
      h('div', { class: 'signin-aside' },
        h('div', { class: 'signin-brand' }, h('img', { src: 'icon.svg', alt: '', class: 'brand-mark large' }), h('span', {}, t('app.name'))),
        h('h1', {}, t('signin.headline')),
        h('p', {}, t('signin.pitch')),
        h('ul', { class: 'signin-points' },
          ['signin.point1', 'signin.point2', 'signin.point3'].map(key => h('li', {}, t(key))))),
      h('div', { class: 'signin-panel' },
        h('div', { class: 'signin-top' }, languageToggle()),
        h('div', { class: 'card signin-card' },
          h('h2', {}, t('signin.title')),
          h('p', { class: 'muted' }, t('signin.hint')),
          form))));
  email.focus();
}
