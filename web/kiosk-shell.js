// The kiosk page shell: makes the WebGL context, starts the app (the browser streams and compiles the wasm
// while the assets download, with one progress bar), keeps the service worker (sw.js) and lets a
// new version take over only between visitors, and turns every failure into a plain Chinese
// sentence with a way forward.
'use strict';

(function () {
  // Filled in by scripts/stamp_site.py: the build's version and its files' content-hashed names.
  const BUILD = { version: 'dev', files: {} };
  const named = (path) => BUILD.files[path] || path;
  const ASSETS = ['fonts/elder-cjk.ttf', 'strings/zh-CN.json', 'strings/en.json', 'keymaps/default.json'];
  const LOADER_DELAY_MS = 400;
  const canvas = document.getElementById('canvas');
  const loader = document.getElementById('loader');

  // State for tests and diagnostics.
  const elder = (window.elder = { ready: false, firstFrameMs: null, errors: [], version: BUILD.version,
                                   betweenVisitors: null, updateWaiting: false,
                                   timings: {} });  // ms after navigation: WebGL context made, assets written, main() called, first frame

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

  // The loader shows only when the start takes long enough to notice (a slow network, a first
  // visit): a quick start draws nothing before the app, which leaves a software renderer
  // (SwiftShader) free for the app's own first frame instead of painting a progress bar.
  const progress = { fraction: 0, detail: '正在下载', shown: false };
  function paintProgress() {
    if (!progress.shown) return;
    document.getElementById('bar-fill').style.width = Math.round(Math.min(1, progress.fraction) * 100) + '%';
    document.getElementById('loader-detail').textContent = progress.detail;
  }
  function setProgress(fraction, detail) {
    progress.fraction = fraction;
    progress.detail = detail;
    paintProgress();
  }
  setTimeout(() => {
    if (elder.ready || elder.errors.length || !document.getElementById('loader')) return;
    progress.shown = true;
    paintProgress();
    loader.hidden = false;
  }, LOADER_DELAY_MS);

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
  // The browser may hold the take-over back while the old worker is busy (Chromium waits until it
  // is idle), so it can arrive after someone started using the page: then the reload waits for the
  // next moment nobody is (`reloadDue`), and otherwise the next load runs the new version.
  const updates = { registration: null, between: false, asked: false, touched: false, reloadDue: false };
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
  const nobodyUsing = () => updates.between || !updates.touched;
  function applyUpdateBetweenVisitors() {
    if (updates.reloadDue && nobodyUsing()) { location.reload(); return; }
    const registration = updates.registration;
    elder.updateWaiting = Boolean(registration && registration.waiting);
    if (registration && updates.between) takeOver(registration);
  }
  function watchWorker() {
    if (!('serviceWorker' in navigator)) return;  // not a secure context (plain http on a LAN address)
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (!updates.asked) return;  // the first install, which only claims the page
      if (nobodyUsing()) location.reload();
      else updates.reloadDue = true;
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

  // The browser streams and compiles kiosk.wasm (compileStreaming: the server sends
  // application/wasm, and the browser may keep the compiled code) while kiosk.js, the strings, the
  // keymap, the base font and config.json download; main() waits for them (a run dependency) and
  // finds them in the in-memory file system.
  function start(gl) {
    // The wasm downloads and compiles from now on, while kiosk.js (which holds its imports) arrives.
    const compiled = WebAssembly.compileStreaming(fetch(named('kiosk.wasm'), { credentials: 'same-origin' }));
    compiled.catch(() => {});  // said when kiosk.js asks for the module
    const files = Promise.all([downloadAll(ASSETS.map((p) => named('assets/' + p))), fetchConfig()]);
    files.catch(downloadFailed);
    const args = [];
    window.Module = {
      canvas,
      preinitializedWebGLContext: gl,
      webglVersion: typeof WebGL2RenderingContext !== 'undefined' && gl instanceof WebGL2RenderingContext ? 2 : 1,
      arguments: args,  // filled in before main() runs, once config.json is known
      locateFile: (path) => named(path),
      instantiateWasm(imports, receive) {
        compiled.then((module) => WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module)))
          .catch((error) => downloadFailed(new Error(named('kiosk.wasm') + ': ' + error.message)));
        return {};  // the exports arrive through receive()
      },
      preRun: [function () {
        const Module = window.Module;
        Module.addRunDependency('elder-assets');
        const ready = files.then((result) => contextUsable(gl).then(() => result, (error) => {
          showBroken('这台设备无法显示社区服务。', '请点“重新加载”再试一次。', error.message);
          throw error;
        }));
        ready.then(([assets, config]) => {
          const FS = Module.FS;
          FS.mkdirTree('/assets/fonts');
          FS.mkdirTree('/assets/strings');
          FS.mkdirTree('/assets/keymaps');
          ASSETS.forEach((path, i) => FS.writeFile('/assets/' + path, assets[i]));
          if (config) FS.writeFile('/config.json', config);
          args.push(...appArguments(config !== null));
          elder.timings.assets = performance.now();
          setProgress(1, '正在启动');
          context.started = true;
          Module.removeRunDependency('elder-assets');
        }, () => {});  // said above, or by downloadFailed
      }],
      onRuntimeInitialized() { elder.timings.main = performance.now(); },
      onAppReady(ms) {
        elder.ready = true;
        elder.firstFrameMs = elder.timings.firstFrame = performance.now();
        loader.hidden = true;
        canvas.focus();
        watchWorker();  // after the first frame: keeping the shell must not slow the first visit down
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

  // A context lost once the app runs ends the visit with a sentence. One lost before the app has
  // made anything on it is asked back and waited for: Chromium without a usable GPU loses the first
  // context of a session when its GPU process falls back to SwiftShader.
  const context = { started: false, back: null };
  canvas.addEventListener('webglcontextlost', (event) => {
    event.preventDefault();  // asks for it back
    if (context.started) showProblem('画面暂时中断了。', '请点“重新加载”继续使用。');
  });
  function contextUsable(gl) {
    if (!gl.isContextLost()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('WebGL context lost and not given back in 10 s')), 10000);
      canvas.addEventListener('webglcontextrestored', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }

  // The app's WebGL context, made here on the page's canvas before anything is downloaded: WebGL 2,
  // else WebGL 1 (the app draws on either). The app takes this context (GL_PREINITIALIZED_CONTEXT), so
  // the check costs nothing, and the context is what the device can do: no depth, stencil or
  // multisampling, which ImGui does not use and which cost a software renderer (SwiftShader) time.
  // With neither (a blocklisted or missing GPU, graphics turned off) the page still serves the
  // resident: alerts, phone numbers and contacts as plain HTML (basic-page.js), with the browser's own
  // words on the failure for staff, and the app is not downloaded at all.
  const refusals = [];
  canvas.addEventListener('webglcontextcreationerror', (e) => { if (e.statusMessage) refusals.push(e.statusMessage); });
  const attributes = { alpha: false, depth: false, stencil: false, antialias: false };
  canvas.width = canvas.height = 1;  // the app sizes it (SDL starts from 1x1): no full-size buffer made twice
  const gl = canvas.getContext('webgl2', attributes) || canvas.getContext('webgl', attributes);
  elder.timings.context = performance.now();
  if (!gl) {
    const noWebgl = () => showBroken('这台设备无法显示社区服务。', '请换一台手机或电脑再打开本页。', '浏览器没有 WebGL 2，也没有 WebGL 1。');
    const basic = document.createElement('script');
    basic.src = 'basic-page.js';
    basic.onload = () => window.elderBasicPage({ kiosk, detail: [...new Set(refusals)].join(' '), fail: noWebgl });
    basic.onerror = noWebgl;
    document.body.appendChild(basic);
    return;
  }
  setProgress(0, '正在下载');
  start(gl);
})();
