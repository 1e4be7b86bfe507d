// Charts as inline SVG, drawn here: bars per day, lines per series, and a ranked list. No library, nothing loaded.
import { h, s } from './dom.js';

const W = 640;
const H = 220;
const PAD = { top: 16, right: 16, bottom: 28, left: 48 };

/** A round upper bound for an axis and its step. */
function niceScale(max, ticks = 4) {
  if (!(max > 0)) return { max: ticks, step: 1 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(f => f * magnitude).find(f => f >= raw);
  return { max: step * ticks, step };
}

function frame(labels, scale, format) {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const y = value => PAD.top + plotH - (value / scale.max) * plotH;
  const parts = [];
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) {
    parts.push(s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid' }));
    parts.push(s('text', { x: PAD.left - 8, y: y(v) + 4, class: 'tick', 'text-anchor': 'end' }, format(v)));
  }
  const every = Math.max(1, Math.ceil(labels.length / 8));
  const slot = plotW / Math.max(1, labels.length);
  labels.forEach((label, i) => {
    if (i % every !== 0 && i !== labels.length - 1) return;
    parts.push(s('text', { x: PAD.left + slot * (i + 0.5), y: H - 8, class: 'tick', 'text-anchor': 'middle' }, label));
  });
  return { parts, y, slot, plotH };
}

function svgRoot(label, children) {
  return s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': label }, s('title', {}, label), children);
}

/** Bars per label; `overlay` (same length) is drawn inside each bar, e.g. errors within utterances. */
export function barChart({ label, labels, values, overlay, format = v => String(Math.round(v)) }) {
  const scale = niceScale(Math.max(0, ...values));
  const { parts, y, slot } = frame(labels, scale, format);
  const width = Math.max(2, Math.min(36, slot * 0.62));
  values.forEach((value, i) => {
    const x = PAD.left + slot * (i + 0.5) - width / 2;
    const top = y(value);
    parts.push(s('rect', { x, y: top, width, height: Math.max(0, y(0) - top), rx: 3, class: 'bar' },
      s('title', {}, `${labels[i]}: ${format(value)}`)));
    if (overlay?.[i] > 0) {
      const oTop = y(overlay[i]);
      parts.push(s('rect', { x, y: oTop, width, height: Math.max(0, y(0) - oTop), rx: 3, class: 'bar overlay' },
        s('title', {}, `${labels[i]}: ${format(overlay[i])}`)));
    }
  });
  return svgRoot(label, parts);
}

/** Lines over labels; each series { name, values (null for no data), className }. */
export function lineChart({ label, labels, series, max, format = v => String(Math.round(v)) }) {
  const all = series.flatMap(x => x.values).filter(v => v !== null && v !== undefined);
  const scale = max ? { max, step: max / 4 } : niceScale(Math.max(0, ...all));
  const { parts, y, slot } = frame(labels, scale, format);
  for (const line of series) {
    let path = '';
    line.values.forEach((value, i) => {
      if (value === null || value === undefined) return;
      const x = PAD.left + slot * (i + 0.5);
      path += `${path ? 'L' : 'M'}${x.toFixed(1)},${y(value).toFixed(1)}`;
    });
    if (path) parts.push(s('path', { d: path, class: `line ${line.className ?? ''}` }));
    line.values.forEach((value, i) => {
      if (value === null || value === undefined) return;
      parts.push(s('circle', { cx: PAD.left + slot * (i + 0.5), cy: y(value), r: 3.5, class: `dot ${line.className ?? ''}` },
        s('title', {}, `${line.name} ${labels[i]}: ${format(value)}`)));
    });
  }
  return svgRoot(label, parts);
}

/** A ranked list drawn as horizontal bars: [{ label, value }]. */
export function rankChart({ label, items, format = v => String(v) }) {
  const rowH = 28;
  const height = Math.max(rowH, items.length * rowH) + 8;
  const labelW = 200;
  const max = Math.max(1, ...items.map(i => i.value));
  const parts = items.map((item, i) => {
    const y = 4 + i * rowH;
    const width = ((W - labelW - 64) * item.value) / max;
    return s('g', {},
      s('text', { x: 0, y: y + 18, class: 'rank-label' }, item.label),
      s('rect', { x: labelW, y: y + 5, width: Math.max(2, width), height: rowH - 10, rx: 3, class: 'bar' }),
      s('text', { x: labelW + width + 8, y: y + 18, class: 'rank-value' }, format(item.value)));
  });
  return s('svg', { viewBox: `0 0 ${W} ${height}`, class: 'chart rank', role: 'img', 'aria-label': label }, s('title', {}, label), parts);
}

/** A legend for line charts. */
export function legend(series) {
  return h('div', { class: 'legend' }, series.map(x => h('span', { class: `key ${x.className ?? ''}` }, x.name)));
}
