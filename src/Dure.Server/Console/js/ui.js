// Building blocks the views share: page headers, notices, form fields, dialogs.
import { h, mount } from './dom.js';
import { t } from './i18n.js';

export function pageHeader(title, subtitle, ...actions) {
  return h('div', { class: 'page-header' },
    h('div', {}, h('h1', { testid: 'page-title' }, title), subtitle ? h('p', { class: 'muted' }, subtitle) : null),
    actions.length ? h('div', { class: 'page-actions' }, actions) : null);
}

export function loading() {
  return h('div', { class: 'loading', 'aria-busy': 'true' }, h('span', { class: 'spinner' }), t('common.loading'));
}

/** The state of a view whose API this server does not have (another build, or a feature not deployed). */
export function unavailable(what) {
  return h('div', { class: 'card notice unavailable', testid: 'unavailable', role: 'status' },
    h('h2', {}, t('unavailable.title')),
    h('p', {}, t('unavailable.body', { what })));
}

export function problem(error) {
  return h('div', { class: 'notice error', role: 'alert', testid: 'error' }, error?.message ?? String(error));
}

export function empty(text) {
  return h('div', { class: 'empty' }, text);
}

export function field(label, control, hint) {
  return h('label', { class: 'field' }, h('span', {}, label), control, hint ? h('small', { class: 'muted' }, hint) : null);
}

export function select(options, value, props = {}) {
  return h('select', props, options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === value }, text)));
}

/** A modal dialog; resolves when it closes. */
export function dialog(title, body, actions = []) {
  const element = h('dialog', { class: 'dialog', testid: 'dialog' },
    h('h2', {}, title),
    h('div', { class: 'dialog-body' }, body),
    h('div', { class: 'dialog-actions' }, actions,
      h('button', { type: 'button', class: 'btn', testid: 'dialog-close', onclick: () => element.close() }, t('common.close'))));
  document.body.append(element);
  element.showModal();
  return new Promise(resolve => element.addEventListener('close', () => {
    element.remove();
    resolve();
  }));
}

/** Shows an inline message in `slot` (an element) for a few seconds. */
export function flash(slot, text, kind = 'ok') {
  mount(slot, h('div', { class: `notice ${kind}`, role: 'status' }, text));
  clearTimeout(slot.flashTimer);
  slot.flashTimer = setTimeout(() => mount(slot), 6000);
}

export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return date.toLocaleString(t('locale'), { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatNumber(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return Number(value).toLocaleString(t('locale'), { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Asks before a consequential action; resolves true when confirmed. */
export function confirmAction(text, confirmLabel) {
  return new Promise(resolve => {
    let answer = false;
    const element = h('dialog', { class: 'dialog', testid: 'confirm' },
      h('p', {}, text),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn', testid: 'confirm-no', onclick: () => element.close() }, t('common.cancel')),
        h('button', {
          type: 'button',
          class: 'btn primary',
          testid: 'confirm-yes',
          onclick: () => {
            answer = true;
            element.close();
          },
        }, confirmLabel ?? t('common.confirm'))));
    document.body.append(element);
    element.addEventListener('close', () => {
      element.remove();
      resolve(answer);
    });
    element.showModal();
  });
}
