// The console is a client of the partner REST API only: a session token from POST /v1/session, sent as a Bearer token.

const SESSION_KEY = 'dure.session';
const DEVICE_TOKENS_KEY = 'dure.deviceTokens';

/** An API error: the problem+json `code` and `detail`, or the HTTP status when the body had none. */
export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.code = code || 'error';
    this.detail = detail || '';
  }

  /** A 404 for the route itself, not for a resource: the endpoint does not exist on this server. */
  get routeMissing() {
    return this.status === 404 && this.detail === 'there is nothing at this address';
  }
}

export const session = {
  get current() {
    try {
      return JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
    } catch {
      return null;
    }
  },
  save(value) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
  },
  clear() {
    sessionStorage.removeItem(SESSION_KEY);
    sessionStorage.removeItem(DEVICE_TOKENS_KEY);
  },
};

/** Whether the signed-in user's scopes grant `required`: admin grants all, provisioning grants read. */
export function can(required) {
  const scopes = session.current?.scopes ?? [];
  return scopes.some(s => s === required || s === 'admin' || (s === 'provisioning' && required === 'read'));
}

export async function api(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  const token = session.current?.token;
  if (token && !options.anonymous) headers.Authorization = `Bearer ${token}`;
  let payload;
  if (body !== undefined && body !== null) {
    headers['Content-Type'] = options.contentType ?? 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }

  for (let attempt = 0; ; attempt++) {
    const response = await fetch(path, { method, headers, body: payload, cache: 'no-store' });
    if (response.status === 429 && attempt < 2) {
      const wait = Number(response.headers.get('Retry-After') ?? '1');
      await new Promise(resolve => setTimeout(resolve, Math.min(10, Math.max(1, wait)) * 1000));
      continue;
    }

    if (response.status === 204) return null;
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }

    if (!response.ok) {
      const error = new ApiError(response.status, json?.code, json?.detail ?? json?.title);
      if (response.status === 401 && token && !options.anonymous) {
        session.clear();
        window.dispatchEvent(new CustomEvent('dure:signedout'));
      }
      throw error;
    }

    return json;
  }
}

export const get = (path, query) => api('GET', withQuery(path, query));

export function withQuery(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Every item of a listing, following `nextCursor` (at most `maxPages` pages). */
export async function listAll(path, query = {}, maxPages = 20) {
  const items = [];
  let cursor;
  for (let page = 0; page < maxPages; page++) {
    const result = await get(path, { ...query, limit: 500, cursor });
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

let featureMap;

/**
 * Which operations this server offers, from its public OpenAPI document, so the console can say "not available on this
 * server" for an API this build does not have instead of failing. Null when the document cannot be read.
 */
export async function features() {
  featureMap ??= fetch('/openapi/v1.json', { cache: 'no-store' })
    .then(r => (r.ok ? r.json() : null))
    .then(doc => {
      if (!doc?.paths) return null;
      const set = new Set();
      for (const [path, operations] of Object.entries(doc.paths)) {
        for (const method of Object.keys(operations)) set.add(`${method.toUpperCase()} ${normalize(path)}`);
      }
      return set;
    })
    .catch(() => null);
  return featureMap;
}

const normalize = path => path.replace(/\{[^}]+\}/g, '{}');

/** Whether the server has the operation, e.g. hasOperation('GET', '/v1/device-codes/{userCode}'); true when unknown. */
export async function hasOperation(method, path) {
  const set = await features();
  return set === null || set.has(`${method} ${normalize(path)}`);
}

/** Device tokens this browser tab was given (issued here), by "homeId/deviceId". Kept only for the session. */
export const deviceTokens = {
  all() {
    try {
      return JSON.parse(sessionStorage.getItem(DEVICE_TOKENS_KEY) ?? '{}');
    } catch {
      return {};
    }
  },
  get(homeId, deviceId) {
    return this.all()[`${homeId}/${deviceId}`] ?? null;
  },
  set(homeId, deviceId, token) {
    const all = this.all();
    if (token) all[`${homeId}/${deviceId}`] = token;
    else delete all[`${homeId}/${deviceId}`];
    sessionStorage.setItem(DEVICE_TOKENS_KEY, JSON.stringify(all));
  },
};

/** The tenant's homes: every space that holds one, with its site. */
export async function listHomes() {
  const sites = await listAll('/v1/sites');
  const homes = [];
  for (const site of sites) {
    const spaces = await listAll(`/v1/sites/${encodeURIComponent(site.id)}/spaces`);
    for (const space of spaces) {
      if (space.homeId) homes.push({ id: space.homeId, name: space.name, siteId: site.id, siteName: site.name });
    }
  }
  return homes;
}
