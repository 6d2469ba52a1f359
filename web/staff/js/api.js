// The staff API: the session cookie travels by itself; every change carries the session's CSRF
// token. A problem+json answer becomes an ApiError whose `detail` is the server's plain sentence.
let csrf = '';
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.detail || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

export function setSession(session) { csrf = session?.csrf_token || ''; }
export function whenSignedOut(callback) { onSignedOut = callback; }

// `type`: send `body` as it is, with this media type (a CAP file), instead of as JSON.
export async function api(method, path, body, { type } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = type || 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  let res;
  try {
    res = await fetch('/api/v1' + path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : type ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { detail: '连不上服务器，请检查网络后再试。' });
  }
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (res.status === 401 && path !== '/staff/sessions') onSignedOut();
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}
