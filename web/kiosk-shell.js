// The kiosk page shell: checks WebGL, starts the app (the browser streams and compiles the wasm
// while the assets download, with one progress bar), keeps the service worker (sw.js) and lets a
// new version take over only between visitors, and turns every failure into a plain Chinese
// sentence with a way forward.
'use strict';

(function () {
  // Filled in by scripts/stamp_site.py: the build's version and its files' content-hashed names.
  const BUILD = { version: 'dev', files: {} };
  const named = (path) => BUILD.files[path] || path;
  const ASSETS = ['fonts/elder-cjk.ttf', 'strings/zh-CN.json', 'strings/en.json', 'keymaps/default.json'];
  const canvas = document.getElementById('canvas');
  const loader = document.getElementById('loader');

  // State for tests and diagnostics.
  const elder = (window.elder = { ready: false, firstFrameMs: null, errors: [], version: BUILD.version,
                                   betweenVisitors: null, updateWaiting: false,
                                   timings: {} });  // ms after navigation: assets written, main() called, first frame

  // A kiosk's visitor can do nothing about a browser or a network: they are told to find staff,
  // and what staff need to know stands under it in small type. A phone's owner can act themselves.
  const kiosk = new URLSearchParams(location.search).get('surface') !== 'browser';
  const VISITOR = '这台机器暂时不能用，请找工作人员。';

  function showProblem(title, detail, forStaff) {
    elder.errors.push([title, detail, forStaff].filter(Boolean).join(' '));
    loader.hidden = true;
    document.getElementById('problem-title').textContent = title;
    document.getElementById('problem-detail').textContent = detail || '';
    document.getElementById('problem-detail').hidden = !detail;
    document.getElementById('problem-staff').textContent = forStaff ? '给工作人员：' + forStaff : '';
    document.getElementById('problem-staff').hidden = !forStaff;
    document.getElementById('problem').hidden = false;
    document.getElementById('problem-reload').focus();
  }
  // What neither a visitor nor a phone's owner can fix by reloading: said to whoever is in front.
  function showBroken(phoneTitle, phoneDetail, forStaff) {
    if (kiosk) showProblem(VISITOR, '', forStaff);
    else showProblem(phoneTitle, phoneDetail, forStaff);
  }
  document.getElementById('problem-reload').addEventListener('click', () => location.reload());

  function setProgress(fraction, detail) {
    document.getElementById('bar-fill').style.width = Math.round(Math.min(1, fraction) * 100) + '%';
    document.getElementById('loader-detail').textContent = detail;
  }

  // The app's settings as its command line: this site's own server, then the site's config.json
  // (optional), then the page's URL parameters (?surface=browser&lang=en&voice=on), later ones winning.
  function appArguments(hasConfig) {
    const args = ['--server', location.origin];
    if (hasConfig) args.push('--config', '/config.json');
    if (location.search.length > 1) args.push('--query', location.search.slice(1));
    return args;
  }

  // config.json beside the page is optional: a missing one (404) is normal, not an error.
  async function fetchConfig() {
    try {
      const response = await fetch('config.json', { cache: 'no-cache' });
      return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
    } catch (e) {
      return null;
    }
  }

  // Downloads every file in parallel, reporting the bytes received over the bytes announced.
  async function downloadAll(urls) {
    const responses = await Promise.all(urls.map(async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
      return response;
    }));
    const total = responses.reduce((sum, r) => sum + Number(r.headers.get('Content-Length') || 0), 0);
    let received = 0;
    return Promise.all(responses.map(async (response) => {
      const reader = response.body.getReader();
      const chunks = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        const mb = (received / 1048576).toFixed(1);
        setProgress(total ? received / total : 0, '已下载 ' + mb + ' MB');
      }
      const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let offset = 0;
      for (const c of chunks) { bytes.set(c, offset); offset += c.length; }
      return bytes;
    }));
  }

  const downloadFailed = (error) => showBroken('网络不通，页面没有下载完。', '请检查网络后点“重新加载”。',
                                               '下载失败，请检查网络（' + error.message + '）。');

  // New versions (sw.js): the browser fetches one in the background and it waits; it takes over
  // (SKIP_WAITING, then a reload when it controls the page) only when nobody is using the app: at
  // load, before anyone has touched the page (a version that waited since the last visit: a phone
  // gets it so), and on a kiosk between visitors (the idle reset, 结束, the attract screen, reported
  // by the app through Module.onBetweenVisitors). Never in the middle of someone's booking.
  const updates = { registration: null, between: false, asked: false, touched: false };
  for (const type of ['pointerdown', 'touchstart', 'keydown']) {
    window.addEventListener(type, () => { updates.touched = true; }, { capture: true, once: true });
  }
  function checkForUpdate() {
    if (updates.registration) updates.registration.update().catch(() => {});  // offline: next time
  }
  function takeOver(registration) {
    if (updates.asked || !registration.waiting || !navigator.serviceWorker.controller) return;
    updates.asked = true;
    registration.waiting.postMessage({ type: 'SKIP_WAITING' });
  }
  function applyUpdateBetweenVisitors() {
    const registration = updates.registration;
    elder.updateWaiting = Boolean(registration && registration.waiting);
    if (registration && updates.between) takeOver(registration);
  }
  function watchWorker() {
    if (!('serviceWorker' in navigator)) return;  // not a secure context (plain http on a LAN address)
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (updates.asked) location.reload();  // not on the first install, which only claims the page
    });
    navigator.serviceWorker.register('sw.js').then((registration) => {
      updates.registration = registration;
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        if (worker) worker.addEventListener('statechange', () => { if (worker.state === 'installed') applyUpdateBetweenVisitors(); });
      });
      if (!updates.touched) takeOver(registration);
      applyUpdateBetweenVisitors();
      checkForUpdate();
    }, (error) => console.warn('service worker: ' + error.message));
  }
  setInterval(() => { if (updates.between) checkForUpdate(); }, 30 * 60 * 1000);  // a kiosk idle all night

  // The browser streams and compiles kiosk.wasm (instantiateStreaming: the server sends
  // application/wasm) while the strings, the keymap, the base font and config.json download;
  // main() waits for them (a run dependency) and finds them in the in-memory file system.
  function start() {
    const files = Promise.all([downloadAll(ASSETS.map((p) => named('assets/' + p))), fetchConfig()]);
    files.catch(downloadFailed);
    const args = [];
    window.Module = {
      canvas,
      arguments: args,  // filled in before main() runs, once config.json is known
      locateFile: (path) => named(path),
      preRun: [function () {
        const Module = window.Module;
        Module.addRunDependency('elder-assets');
        files.then(([assets, config]) => {
          const FS = Module.FS;
          FS.mkdirTree('/assets/fonts');
          FS.mkdirTree('/assets/strings');
          FS.mkdirTree('/assets/keymaps');
          ASSETS.forEach((path, i) => FS.writeFile('/assets/' + path, assets[i]));
          if (config) FS.writeFile('/config.json', config);
          args.push(...appArguments(config !== null));
          elder.timings.assets = performance.now();
          setProgress(1, '正在启动');
          Module.removeRunDependency('elder-assets');
        }, () => {});  // said by downloadFailed
      }],
      onRuntimeInitialized() { elder.timings.main = performance.now(); },
      onAppReady(ms) {
        elder.ready = true;
        elder.firstFrameMs = elder.timings.firstFrame = performance.now();
        loader.hidden = true;
        canvas.focus();
        window.dispatchEvent(new CustomEvent('elder-ready', { detail: { wasmMs: ms } }));
      },
      onFatalError(message) {
        showBroken('社区服务无法启动。', '请联系社区工作人员。', '程序启动失败（' + message + '）。');
      },
      // The wasm could not be downloaded or compiled (or the app stopped): emscripten gives up.
      onAbort(what) {
        if (elder.ready) showBroken('社区服务出错了。', '请点“重新加载”继续使用。', '程序出错（' + what + '）。');
        else downloadFailed(new Error(named('kiosk.wasm') + ': ' + what));
      },
      // The app says whether nobody is using it (a kiosk's attract screen after a visit).
      onBetweenVisitors(between) {
        const visitEnded = between && !updates.between;
        updates.between = between;
        elder.betweenVisitors = between;
        if (visitEnded) checkForUpdate();
        applyUpdateBetweenVisitors();
      },
      report() {
        return JSON.parse(window.Module.UTF8ToString(window.Module._elder_report_json()));
      },
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
    };
    elder.report = () => window.Module.report();
    const script = document.createElement('script');
    script.src = named('kiosk.js');
    script.onerror = () => showBroken('网络不通，页面没有下载完。', '请检查网络后点“重新加载”。', '下载 kiosk.js 失败，请检查网络。');
    document.body.appendChild(script);
  }

  canvas.addEventListener('webglcontextlost', (event) => {
    event.preventDefault();
    showProblem('画面暂时中断了。', '请点“重新加载”继续使用。');
  });

  // WebGL 2, else WebGL 1 (the app draws on either). With neither (a blocklisted or missing GPU,
  // graphics turned off) the page still serves the resident: alerts, phone numbers and contacts as
  // plain HTML (basic-page.js), with the browser's own words on the failure for staff.
  const probe = document.createElement('canvas');
  const refusals = [];
  probe.addEventListener('webglcontextcreationerror', (e) => { if (e.statusMessage) refusals.push(e.statusMessage); });
  if (!probe.getContext('webgl2') && !probe.getContext('webgl')) {
    const noWebgl = () => showBroken('这台设备无法显示社区服务。', '请换一台手机或电脑再打开本页。', '浏览器没有 WebGL 2，也没有 WebGL 1。');
    const basic = document.createElement('script');
    basic.src = 'basic-page.js';
    basic.onload = () => window.elderBasicPage({ kiosk, detail: [...new Set(refusals)].join(' '), fail: noWebgl });
    basic.onerror = noWebgl;
    document.body.appendChild(basic);
    return;
  }
  setProgress(0, '正在下载');
  watchWorker();
  start();
})();
