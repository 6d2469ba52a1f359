// Wraps fetch so that every API response a test receives is checked against shared/api/openapi.yaml.
// Call check(checks) at the end of the test to record the verdict.
import { OpenApiValidator } from './openapi_validator.mjs';

export function checkResponsesAgainst(specPath) {
  const contract = new OpenApiValidator(specPath);
  const violations = [];
  let responses = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url, options = {}) => {
    const res = await realFetch(url, options);
    const path = new URL(url).pathname;
    const streaming = (res.headers.get('content-type') || '').startsWith('text/event-stream');
    if (path.startsWith('/api/') && (options.method || 'GET') !== 'OPTIONS' && !streaming) {
      responses++;
      const text = await res.clone().text();
      let body = null;
      try { body = text ? JSON.parse(text) : null; } catch { body = text; }
      violations.push(...contract.validate(options.method || 'GET', url, res.status, res.headers.get('content-type'), body));
    }
    return res;
  };
  return (checks) => checks.check(violations.length === 0 && responses > 0 && contract.checked === responses,
    'every API response matches shared/api/openapi.yaml', `${contract.checked} of ${responses} checked; ${violations.slice(0, 5).join(' | ')}`);
}
