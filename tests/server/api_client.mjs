// Small helpers for talking to the reference server in tests: JSON requests and signing in.
export function client(baseUrl) {
  const call = async (method, path, { body, token, headers = {} } = {}) => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: 'Bearer ' + token } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, json, headers: res.headers };
  };
  return {
    call,
    get: (path, options) => call('GET', path, options),
    post: (path, body, options = {}) => call('POST', path, { ...options, body }),
    // Signs in through the documented development endpoint (server started with --demo).
    async signIn(phone) {
      const sent = await call('POST', '/api/v1/auth/otp', { body: { phone } });
      if (sent.status !== 202) throw new Error(`otp for ${phone}: ${sent.status} ${JSON.stringify(sent.json)}`);
      const { json: { code } } = await call('GET', '/api/v1/dev/otp?phone=' + phone);
      const res = await call('POST', '/api/v1/auth/token', { body: { phone, code } });
      if (res.status !== 200) throw new Error(`token for ${phone}: ${res.status}`);
      return res.json.token;
    },
  };
}

export const dayInChina = (offsetDays) => new Date(Date.now() + 8 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);
