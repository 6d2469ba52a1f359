// The staff stream: new, claimed, changed and overdue help requests (and alerts) as they happen.
// An SOS nobody has claimed sounds a tone every few seconds and shows a red banner until someone
// claims it; listeners (the open page) refresh what they show.
import { h, replace } from './dom.js';
import { t } from './i18n.js';

const listeners = new Set();
const unclaimedSos = new Set();
let source = null;
let audio = null;
let toneTimer = null;
export const state = { connected: false, tones: 0 };

export function onLiveEvent(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function startLive(onSignedOut) {
  stopLive();
  source = new EventSource('/api/v1/staff/stream');
  source.onopen = () => { state.connected = true; };
  source.onerror = () => { state.connected = false; };  // EventSource reconnects by itself, resuming from the last id
  source.addEventListener('help', (e) => {
    const data = JSON.parse(e.data);
    if (data.kind === 'sos' && data.status === 'received' && !data.claimed_by) unclaimedSos.add(data.id);
    else unclaimedSos.delete(data.id);
    alarm();
    for (const l of listeners) l(data);
  });
  source.addEventListener('alert', () => { for (const l of listeners) l({ event: 'alert' }); });
  source.addEventListener('follow_up', (e) => { for (const l of listeners) l({ event: 'follow_up', ...JSON.parse(e.data) }); });
  source.addEventListener('signed_out', () => { stopLive(); onSignedOut(); });
}

export function stopLive() {
  if (source) source.close();
  source = null;
  state.connected = false;
}

// The queue page tells which SOS are open and unclaimed when it loads (the stream tells changes).
export function knownUnclaimedSos(ids) {
  unclaimedSos.clear();
  for (const id of ids) unclaimedSos.add(id);
  alarm();
}

let shownCount = -1;  // the banner is redrawn only when its number changes (a redraw moves the page)
function alarm() {
  const banner = document.getElementById('banner');
  if (unclaimedSos.size === shownCount) return;
  shownCount = unclaimedSos.size;
  if (unclaimedSos.size === 0) {
    banner.hidden = true;
    clearInterval(toneTimer);
    toneTimer = null;
    return;
  }
  replace(banner, t('alarm.sos', { n: unclaimedSos.size }),
    h('button', { type: 'button', onclick: () => { location.hash = '#/queue'; } }, t('alarm.open_queue')));
  banner.hidden = false;
  if (!toneTimer) {
    tone();
    toneTimer = setInterval(tone, 4000);
  }
}

// A two-note tone from Web Audio (no file to fetch); browsers allow it after the first click of
// the session, which signing in is.
function tone() {
  state.tones++;
  try {
    audio = audio || new AudioContext();
    const now = audio.currentTime;
    for (const [at, freq] of [[0, 880], [0.25, 660]]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.2, now + at);
      gain.gain.exponentialRampToValueAtTime(0.001, now + at + 0.22);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + at);
      osc.stop(now + at + 0.23);
    }
  } catch { /* no audio device: the banner still shows */ }
}
