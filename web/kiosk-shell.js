// The kiosk page shell: checks WebGL, downloads the app and its assets with one progress bar,
// starts the app, and turns every failure into a plain Chinese sentence with a way forward.
'use strict';

(function () {
  const ASSETS = ['fonts/elder-cjk.ttf', 'strings/zh-CN.json', 'strings/en.json', 'keymaps/default.json'];
  const canvas = document.getElementById('canvas');
  const loader = document.getElementById('loader');

  // State for tests and diagnostics.
  const elder = (window.elder = { ready: false, firstFrameMs: null, errors: [] });

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

  function start(wasm, assets, config) {
    window.Module = {
      canvas,
      arguments: appArguments(config !== null),
      wasmBinary: wasm,
      preRun: [function () {
        const FS = window.Module.FS;
        FS.mkdirTree('/assets/fonts');
        FS.mkdirTree('/assets/strings');
        FS.mkdirTree('/assets/keymaps');
        ASSETS.forEach((path, i) => FS.writeFile('/assets/' + path, assets[i]));
        if (config) FS.writeFile('/config.json', config);
      }],
      onAppReady(ms) {
        elder.ready = true;
        elder.firstFrameMs = performance.now();
        loader.hidden = true;
        canvas.focus();
        window.dispatchEvent(new CustomEvent('elder-ready', { detail: { wasmMs: ms } }));
      },
      onFatalError(message) {
        showBroken('社区服务无法启动。', '请联系社区工作人员。', '程序启动失败（' + message + '）。');
      },
      report() {
        return JSON.parse(window.Module.UTF8ToString(window.Module._elder_report_json()));
      },
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
    };
    elder.report = () => window.Module.report();
    const script = document.createElement('script');
    script.src = 'kiosk.js';
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
  Promise.all([downloadAll(['kiosk.wasm'].concat(ASSETS.map((p) => 'assets/' + p))), fetchConfig()])
    .then(([[wasm, ...assets], config]) => start(wasm, assets, config))
    .catch((error) => showBroken('网络不通，页面没有下载完。', '请检查网络后点“重新加载”。',
                                 '下载失败，请检查网络（' + error.message + '）。'));
})();
