// The screen reader's view of the app: the semantics tree the app draws on its canvas, mirrored
// into real elements (buttons, headings, text, text boxes, images) laid over the canvas at the
// places they are drawn, so that screen readers can read, explore by touch and activate them. The
// app sends the tree whenever it changes (shared/platform/accessibility_web.cpp); activating an
// element runs the same action as a tap on it (_elder_activate). A severe alert or the idle warning
// makes the mirror a modal dialog, and alerts are spoken at once through an assertive live region.
'use strict';

(function () {
  const root = document.getElementById('a11y-mirror');
  const live = document.getElementById('a11y-live');
  if (!root || !live) return;
  const byId = new Map();
  let focusedId = null;
  let spokenAlert = '';

  const TAGS = { heading: 'h2', button: 'button', text: 'p', status: 'p', alert: 'p', textbox: 'div', image: 'div' };

  function create(node) {
    const el = document.createElement(TAGS[node.role] || 'p');
    el.dataset.id = node.id;
    el.dataset.role = node.role;
    if (node.role === 'button') el.type = 'button';
    if (node.role === 'status') el.setAttribute('role', 'status');
    if (node.role === 'alert') el.setAttribute('role', 'alert');
    if (node.role === 'textbox') {
      el.setAttribute('role', 'textbox');
      el.setAttribute('aria-readonly', 'true');  // activating it opens the real input (the text agent)
    }
    if (node.role === 'image') el.setAttribute('role', 'img');
    if (node.focusable) {
      el.tabIndex = -1;  // the app's own Tab order moves focus; the mirror follows it
      el.addEventListener('click', () => Module.ccall('elder_activate', null, ['string'], [node.id]));
    }
    return el;
  }

  function place(el, node, labels) {
    const [x, y, w, h] = node.rect;
    Object.assign(el.style, { left: x + 'px', top: y + 'px', width: w + 'px', height: h + 'px' });
    if (node.role === 'image') el.setAttribute('aria-label', node.label);
    // A text box is named by the words above it (姓名, 手机号码); what it holds is its content.
    if (node.role === 'textbox') el.setAttribute('aria-label', labels.get(node.id + '.label') || node.label);
    else if (el.textContent !== node.label) el.textContent = node.label;
    el.hidden = false;
  }

  // Alerts are said at once: an interruption's words, or a new most severe alert on the page.
  function announce(tree) {
    const words = tree.dialog
      ? tree.nodes.filter((n) => n.role === 'heading' || n.id === 'interrupt.instruction' || n.id === 'idle.countdown')
        .map((n) => n.label).join('。')
      : (tree.nodes.find((n) => n.id === 'page.alert' || n.id === 'home.alert') || {}).label || '';
    if (words && words !== spokenAlert) live.textContent = words;
    spokenAlert = words;
  }

  function newList() {
    const l = document.createElement('div');
    l.setAttribute('role', 'list');
    root.appendChild(l);
    return l;
  }

  function update(tree) {
    root.lang = tree.lang;
    if (tree.dialog) {
      root.setAttribute('role', 'dialog');
      root.setAttribute('aria-modal', 'true');
      const heading = tree.nodes.find((n) => n.role === 'heading');
      root.setAttribute('aria-label', heading ? heading.label : '');
    } else {
      root.removeAttribute('role');
      root.removeAttribute('aria-modal');
      root.removeAttribute('aria-label');
    }
    const seen = new Set();
    const labels = new Map(tree.nodes.map((n) => [n.id, n.label]));
    for (const l of root.querySelectorAll(':scope > [role="list"]')) l.remove();  // rebuilt below, same elements
    // Runs of list entries (with the text drawn inside each) become one list of items.
    const entries = new Set(tree.nodes.filter((n) => n.list_item).map((n) => n.id));
    const entryOf = (id) => {
      for (let cut = id; cut; cut = cut.slice(0, Math.max(0, cut.lastIndexOf('.')))) if (entries.has(cut)) return cut;
      return null;
    };
    let list = null, item = null;
    tree.nodes.forEach((node) => {
      const key = node.id + '|' + node.role;
      let el = byId.get(key);
      if (!el) byId.set(key, (el = create(node)));
      place(el, node, labels);
      const entry = entryOf(node.id);
      if (entry) {
        if (!list) list = newList();
        if (!item || item.dataset.entry !== entry) {
          item = document.createElement('div');
          item.setAttribute('role', 'listitem');
          item.dataset.entry = entry;
          list.appendChild(item);
        }
        item.appendChild(el);
      } else {
        list = item = null;
        root.appendChild(el);  // in the tree's order: the reading order
      }
      seen.add(key);
    });
    for (const [key, el] of byId) if (!seen.has(key)) { el.remove(); byId.delete(key); }
    announce(tree);
    followFocus(tree);
  }

  // The element of the app's focused item gets the browser's focus too (screen readers follow it),
  // unless the resident is typing into the text agent.
  function followFocus(tree) {
    const node = tree.nodes.find((n) => n.focused);
    const id = node ? node.id : null;
    // The same item stays focused, unless rebuilding a list took the browser's focus away from it.
    if (id === focusedId && document.activeElement !== document.body) return;
    focusedId = id;
    const typing = document.activeElement && document.activeElement.id === 'text-agent';
    const el = node && byId.get(node.id + '|' + node.role);
    if (el && !typing) el.focus({ preventScroll: true });
  }

  // Keys on a mirrored element belong to the app (it listens on the window): the browser must not
  // also click the button (Enter, Space) or move its own focus (Tab).
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ' || e.key === 'Tab') e.preventDefault();
  });

  window.elderMirror = { update };
})();
