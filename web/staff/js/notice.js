// A page's one status line: what just happened, or the server's sentence when it refused.
// `act(method, path, body, done, then)` makes a change, says `done` (or the refusal) and then
// calls `then` (a reload) on success.
import { api, ApiError } from './api.js';
import { h } from './dom.js';

export function notice(politeness = 'polite') {
  const el = h('p', { role: 'status', 'aria-live': politeness });
  const say = (text, ok = true) => { el.className = ok ? 'notice' : 'error'; el.textContent = text; };
  const fail = (err) => say(err instanceof ApiError ? err.message : String(err), false);
  async function act(method, path, body, done, then = async () => {}) {
    try {
      const answer = await api(method, path, body);
      say(done);
      await then(answer);
      return answer;
    } catch (err) {
      fail(err);
      return null;
    }
  }
  return { el, say, fail, act };
}
