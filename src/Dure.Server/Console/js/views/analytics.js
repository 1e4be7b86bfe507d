// Analytics (GET /v1/analytics): utterances per day, understood %, latency p50/p95 and the top intents, per site and range.
import { h, mount } from '../dom.js';
import { ApiError, get, hasOperation, listAll, withQuery } from '../api.js';
import { t } from '../i18n.js';
import { barChart, legend, lineChart, rankChart } from '../charts.js';
import { empty, field, formatNumber, loading, pageHeader, problem, select, unavailable } from '../ui.js';

const RANGES = [7, 14, 30, 90];

export async function render({ route, container, setTitle, navigate }) {
  setTitle(t('analytics.title'));
  mount(container, pageHeader(t('analytics.title'), t('analytics.subtitle')), loading());
  if (!await hasOperation('GET', '/v1/analytics')) {
    mount(container, pageHeader(t('analytics.title'), t('analytics.subtitle')), unavailable(t('analytics.what')));
    return;
  }

  const siteId = route.query.get('siteId') ?? '';
  const days = RANGES.includes(Number(route.query.get('days'))) ? Number(route.query.get('days')) : 7;
  // The API counts per UTC day, so the range is one of UTC days.
  const now = new Date();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const start = new Date(today.getTime() - (days - 1) * 86_400_000);
  const from = utcDate(start);
  const to = utcDate(today);

  let sites;
  let report;
  try {
    sites = await listAll('/v1/sites');
    report = await get('/v1/analytics', { siteId, from, to });
  } catch (e) {
    mount(container, pageHeader(t('analytics.title'), t('analytics.subtitle')),
      e instanceof ApiError && e.routeMissing ? unavailable(t('analytics.what')) : problem(e));
    return;
  }

  const site = select([['', t('common.allSites')], ...sites.map(s => [s.id, s.name])], siteId, { testid: 'an-site' });
  const range = select(RANGES.map(d => [String(d), t('analytics.lastDays', { days: d })]), String(days), { testid: 'an-range' });
  const go = () => navigate(withQuery('#/analytics', { siteId: site.value, days: range.value }));
  site.addEventListener('change', go);
  range.addEventListener('change', go);

  // One entry per day of the range, so quiet days show as zero rather than vanish.
  const byDate = new Map((report.days ?? []).map(d => [d.date, d]));
  const dates = [];
  for (let d = start.getTime(); d <= today.getTime(); d += 86_400_000) dates.push(utcDate(new Date(d)));
  const series = dates.map(date => byDate.get(date) ?? { date, utterances: 0, understood: 0, understoodRate: null, latencyP50Ms: null, latencyP95Ms: null, errors: 0, intents: {} });
  const labels = dates.map(date => date.slice(5).replace('-', '/'));
  const totals = report.totals ?? {};
  const rate = v => (v === null || v === undefined ? null : v * 100); // the API's rates are fractions

  const kpi = (key, value, testid) => h('div', { class: 'kpi', testid }, h('span', { class: 'kpi-label' }, t(key)), h('span', { class: 'kpi-value' }, value));
  const intents = Object.entries(totals.intents ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([label, value]) => ({ label, value }));
  const latency = [
    { name: 'p50', values: series.map(d => d.latencyP50Ms ?? null), className: 's1' },
    { name: 'p95', values: series.map(d => d.latencyP95Ms ?? null), className: 's2' },
  ];

  mount(container,
    pageHeader(t('analytics.title'), t('analytics.subtitle')),
    h('div', { class: 'card filters' }, field(t('common.site'), site), field(t('analytics.range'), range),
      h('span', { class: 'muted range-text' }, `${from} – ${to}`)),
    h('div', { class: 'kpis' },
      kpi('analytics.utterances', formatNumber(totals.utterances ?? 0), 'kpi-utterances'),
      kpi('analytics.understood', rate(totals.understoodRate) === null ? '—' : `${formatNumber(rate(totals.understoodRate), 1)}%`, 'kpi-understood'),
      kpi('analytics.p50', totals.latencyP50Ms === null || totals.latencyP50Ms === undefined ? '—' : `${formatNumber(totals.latencyP50Ms)} ms`, 'kpi-p50'),
      kpi('analytics.p95', totals.latencyP95Ms === null || totals.latencyP95Ms === undefined ? '—' : `${formatNumber(totals.latencyP95Ms)} ms`, 'kpi-p95'),
      kpi('analytics.errors', formatNumber(totals.errors ?? 0), 'kpi-errors')),
    h('div', { class: 'charts' },
      h('section', { class: 'card chart-card', testid: 'chart-utterances' },
        h('h2', {}, t('analytics.perDay')),
        legend([{ name: t('analytics.utterances'), className: 's1' }, { name: t('analytics.errors'), className: 'err' }]),
        barChart({ label: t('analytics.perDay'), labels, values: series.map(d => d.utterances ?? 0), overlay: series.map(d => d.errors ?? 0) })),
      h('section', { class: 'card chart-card', testid: 'chart-understood' },
        h('h2', {}, t('analytics.understoodPerDay')),
        lineChart({ label: t('analytics.understoodPerDay'), labels, max: 100, format: v => `${Math.round(v)}%`,
          series: [{ name: t('analytics.understood'), values: series.map(d => rate(d.understoodRate)), className: 's1' }] })),
      h('section', { class: 'card chart-card', testid: 'chart-latency' },
        h('h2', {}, t('analytics.latency')),
        legend(latency),
        lineChart({ label: t('analytics.latency'), labels, series: latency, format: v => `${Math.round(v)}` })),
      h('section', { class: 'card chart-card', testid: 'chart-intents' },
        h('h2', {}, t('analytics.topIntents')),
        intents.length ? rankChart({ label: t('analytics.topIntents'), items: intents, format: v => formatNumber(v) }) : empty(t('analytics.noIntents')))));
}

const utcDate = date => date.toISOString().slice(0, 10);
