// The virtual device: one WebSocket to /v1/devices/connect with a device token, kept while the user moves between views,
// and its conversation as a list of entries the device view draws.
import { newId } from './dom.js';

const listeners = new Set();
const state = {
  status: 'idle', // idle | connecting | open | closed
  homeId: null,
  deviceId: null,
  closeCode: null,
  entries: [], // { kind: 'user'|'assistant'|'directive'|'error'|'note', ... }
  expecting: false,
};
let socket = null;

export const virtualDevice = state;

export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(event) {
  for (const listener of listeners) listener(event);
}

function add(entry) {
  state.entries.push({ at: new Date(), ...entry });
  if (state.entries.length > 300) state.entries.splice(0, state.entries.length - 300);
  changed({ type: 'entry', entry });
}

export function connectVirtualDevice(homeId, deviceId, token) {
  disconnectVirtualDevice();
  if (state.homeId !== homeId || state.deviceId !== deviceId) state.entries = [];
  state.homeId = homeId;
  state.deviceId = deviceId;
  state.status = 'connecting';
  state.closeCode = null;
  state.expecting = false;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}/v1/devices/connect?access_token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(url);
  socket = ws;
  changed({ type: 'status' });

  ws.addEventListener('open', () => {
    if (socket !== ws) return;
    state.status = 'open';
    changed({ type: 'status' });
  });
  ws.addEventListener('message', event => {
    if (socket !== ws) return;
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    receive(ws, message);
  });
  ws.addEventListener('close', event => {
    if (socket !== ws) return;
    socket = null;
    state.status = 'closed';
    state.closeCode = event.code;
    state.expecting = false;
    changed({ type: 'status' });
  });
}

function send(ws, envelope) {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(envelope));
}

function receive(ws, message) {
  if (message.type !== 'directive') return;
  const payload = message.payload ?? {};
  switch (message.name) {
    case 'Speech.Speak':
      add({ kind: 'assistant', text: payload.text, lang: payload.lang, replyTo: message.replyTo });
      break;
    case 'Speech.ExpectSpeech':
      state.expecting = true;
      changed({ type: 'expect', timeoutMs: payload.timeoutMs });
      break;
    case 'System.Error':
      add({ kind: 'error', code: payload.code, text: payload.message });
      break;
    default:
      add({ kind: 'directive', name: message.name, payload });
  }

  // Errors are not queued and need no acknowledgement; every other directive is acknowledged once handled.
  if (message.name !== 'System.Error') {
    send(ws, { type: 'event', name: 'System.Ack', id: newId(), replyTo: message.id, payload: {} });
  }
}

/** Sends what the user typed as Text.Recognize; lang is 'ko', 'en' or null to let Dure detect it. */
export function say(text, lang) {
  if (!socket || socket.readyState !== WebSocket.OPEN) return false;
  state.expecting = false;
  const payload = lang ? { text, lang } : { text };
  send(socket, { type: 'event', name: 'Text.Recognize', id: newId(), payload });
  add({ kind: 'user', text });
  return true;
}

export function disconnectVirtualDevice() {
  if (socket) {
    const ws = socket;
    socket = null;
    ws.close(1000, 'bye');
  }
  if (state.status !== 'idle') {
    state.status = 'closed';
    state.closeCode = 1000;
    changed({ type: 'status' });
  }
}

export function clearConversation() {
  state.entries = [];
  changed({ type: 'cleared' });
}
