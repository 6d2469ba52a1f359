// Times as the desk reads them: China time, and how long something has waited.
import { lang, t } from './i18n.js';

export function clockTime(iso) {
  return new Date(iso).toLocaleString(lang, { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function waited(iso, now = Date.now()) {
  const s = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return { s, text: t('time.s', { s }) };
  if (s < 3600) return { s, text: t('time.ms', { m: Math.floor(s / 60), s: s % 60 }) };
  return { s, text: t('time.hm', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) }) };
}
