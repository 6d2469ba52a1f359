// The console's words: Simplified Chinese first, English from the same keys (?lang=en, or the
// choice kept in this browser). t('time.ms', {m: 3, s: 5}) fills {m} and {s}.
let strings = {};
export let lang = 'zh-CN';

export async function loadStrings() {
  const asked = new URLSearchParams(location.search).get('lang') || localStorage.getItem('staff.lang');
  lang = asked === 'en' ? 'en' : 'zh-CN';
  document.documentElement.lang = lang;
  const res = await fetch(`strings/${lang}.json`);
  strings = await res.json();
}

export function setLang(next) {
  localStorage.setItem('staff.lang', next);
  const url = new URL(location.href);
  if (!url.searchParams.has('lang')) return location.reload();  // the same address with a #page would not reload
  url.searchParams.delete('lang');
  location.href = url.toString();
}

export function t(key, vars = {}) {
  const text = strings[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? ''));
}
