// MiGlobe sandbox chat. Bot texts arrive as a tree of allowed elements
// (parsed on the server); this script builds DOM nodes from it with
// createElement and textContent only; no HTML string is ever parsed here.
'use strict';

(() => {
  const LABELS = window.SANDBOX_LABELS;

  const $ = (id) => document.getElementById(id);
  const els = {
    log: $('log'), chat: $('chat'), empty: $('empty'), status: $('status'), user: $('user'),
    lang: $('lang'), chips: $('chips'), form: $('form'), text: $('text'), send: $('send'), toast: $('toast'),
  };
  const state = {
    lang: readStored('sandbox.lang', 'de') === 'en' ? 'en' : 'de',
    users: [],
    chat: 0,
    source: null,
    items: new Map(), // "b<id>" or "u<seq>" -> {it, el}
    toastTimer: 0,
  };

  function readStored(key, fallback) {
    try { return localStorage.getItem(key) || fallback; } catch { return fallback; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, value); } catch { /* private mode */ }
  }
  const t = (key) => LABELS[state.lang][key] ?? LABELS.de[key] ?? key;

  // --- page labels -------------------------------------------------------

  function applyLabels() {
    document.documentElement.lang = state.lang;
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
    for (const el of document.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
    els.lang.textContent = t('langButton');
    els.lang.setAttribute('aria-label', t('langAria'));
    els.lang.lang = state.lang === 'de' ? 'en' : 'de';
    setStatus(els.status.dataset.state);
    fillUsers();
    for (const entry of state.items.values()) {
      const fresh = renderItem(entry.it);
      entry.el.replaceWith(fresh);
      entry.el = fresh;
    }
  }

  function setStatus(s) {
    els.status.dataset.state = s;
    els.status.textContent = t(s);
  }

  function fillUsers() {
    const personas = t('personas');
    els.user.replaceChildren(...state.users.map((u) => {
      const opt = document.createElement('option');
      opt.value = String(u.id);
      const name = [u.first_name, u.last_name].filter(Boolean).join(' ');
      opt.textContent = u.persona ? `${personas[u.persona] || u.persona} – ${name}` : name;
      return opt;
    }));
    if (state.chat) els.user.value = String(state.chat);
  }

  // --- rendering -----------------------------------------------------------

  const TAGS = { b: 'b', i: 'i', u: 'u', s: 's', code: 'code', pre: 'pre', blockquote: 'blockquote' };

  function renderRich(nodes, parent) {
    for (const n of nodes || []) {
      if (!n.tag) {
        parent.append(document.createTextNode(n.text || ''));
        continue;
      }
      let el;
      if (n.tag === 'a' && /^(https?|mailto):/i.test(n.href || '')) {
        el = document.createElement('a');
        el.href = n.href;
        el.target = '_blank';
        el.rel = 'noopener noreferrer nofollow';
      } else if (n.tag === 'spoiler') {
        el = document.createElement('span');
        el.className = 'spoiler';
        el.tabIndex = 0;
        el.setAttribute('role', 'button');
        el.setAttribute('aria-label', t('spoiler'));
      } else {
        el = document.createElement(TAGS[n.tag] || 'span');
      }
      renderRich(n.kids, el);
      parent.append(el);
    }
  }

  function formatTime(at) {
    const d = new Date(at);
    if (Number.isNaN(d.getTime()) || d.getFullYear() < 2000) return '';
    return d.toLocaleTimeString(state.lang === 'de' ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
  }

  function formatSize(n) {
    if (n < 1024) return `${n} B`;
    const kb = n / 1024;
    if (kb < 1024) return `${kb.toFixed(kb < 10 ? 1 : 0)} KB`;
    return `${(kb / 1024).toFixed(1)} MB`;
  }

  function make(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function renderItem(it) {
    const li = make('li', `msg ${it.from === 'user' ? 'user' : 'bot'}`);
    li.dataset.key = JSON.stringify(itemKey(it));
    const bubble = make('div', 'bubble');
    li.append(bubble);
    if (it.from === 'user') {
      bubble.append(make('div', 'text', it.text));
    } else {
      li.dataset.id = String(it.id);
      if (it.document) bubble.append(renderDocument(it.document));
      if (it.rich && it.rich.length) {
        const text = make('div', 'text');
        renderRich(it.rich, text);
        bubble.append(text);
      }
    }
    const meta = make('div', 'meta');
    if (it.edited) meta.append(make('span', 'edited', t('edited')));
    const time = formatTime(it.at);
    if (time) {
      const el = make('time', '', time);
      el.dateTime = it.at;
      meta.append(el);
    }
    bubble.append(meta);
    if (it.from === 'bot' && it.buttons && it.buttons.length) li.append(renderKeyboard(it));
    return li;
  }

  function renderDocument(doc) {
    const a = make('a', 'doc');
    a.href = doc.url;
    a.download = doc.name;
    a.append(make('span', 'doc-icon', '\u2193'), make('span', 'doc-name', doc.name),
      make('span', 'doc-size', `${formatSize(doc.size)} · ${t('download')}`));
    a.firstChild.setAttribute('aria-hidden', 'true');
    return a;
  }

  function renderKeyboard(it) {
    const kb = make('div', 'kb');
    for (const row of it.buttons) {
      const r = make('div', 'kb-row');
      for (const b of row) {
        const btn = make('button', 'kb-btn', b.text);
        btn.type = 'button';
        btn.addEventListener('click', () => press(btn, it.id, b.data));
        r.append(btn);
      }
      kb.append(r);
    }
    return kb;
  }

  function itemKey(it) {
    return it.from === 'user' ? [it.after || 0, 1, it.seq] : [it.id, 0, 0];
  }
  function compareKeys(a, b) {
    for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  }
  const itemID = (it) => (it.from === 'user' ? `u${it.seq}` : `b${it.id}`);

  function nearBottom() {
    const c = els.chat;
    return c.scrollHeight - c.scrollTop - c.clientHeight < 80;
  }
  function scrollToBottom() {
    els.chat.scrollTop = els.chat.scrollHeight;
  }

  function upsert(it, forceScroll) {
    const stick = forceScroll || nearBottom();
    const id = itemID(it);
    const fresh = renderItem(it);
    const old = state.items.get(id);
    if (old) {
      const hadFocus = old.el.contains(document.activeElement);
      old.el.replaceWith(fresh);
      if (hadFocus) els.text.focus({ preventScroll: true });
    } else {
      // New bubbles nearly always belong at the end: search from there.
      const key = itemKey(it);
      let prev = els.log.lastElementChild;
      while (prev && compareKeys(JSON.parse(prev.dataset.key), key) > 0) prev = prev.previousElementSibling;
      els.log.insertBefore(fresh, prev ? prev.nextElementSibling : els.log.firstElementChild);
    }
    state.items.set(id, { it, el: fresh });
    els.empty.hidden = state.items.size > 0;
    // An edit further up (a button pressed on an older message) keeps the
    // view where it is; new messages and edits of the newest one follow.
    if (stick && (!old || fresh === els.log.lastElementChild)) scrollToBottom();
  }

  function remove(id) {
    const old = state.items.get(`b${id}`);
    if (!old) return;
    old.el.remove();
    state.items.delete(`b${id}`);
    els.empty.hidden = state.items.size > 0;
  }

  function reset(items) {
    state.items.clear();
    els.log.replaceChildren();
    for (const it of items || []) upsert(it, true);
    els.empty.hidden = state.items.size > 0;
    scrollToBottom();
  }

  function toast(text) {
    els.toast.textContent = text;
    els.toast.classList.add('show');
    clearTimeout(state.toastTimer);
    state.toastTimer = setTimeout(() => els.toast.classList.remove('show'), 3500);
  }

  // --- talking to the server -----------------------------------------------

  async function post(path, body) {
    const res = await fetch(`/api/chats/${state.chat}/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  }

  async function sendText(text) {
    text = text.trim();
    if (!text || !state.chat) return false;
    try {
      const res = await post('send', { text });
      if (res.item) upsert(res.item, true);
      return true;
    } catch {
      toast(t('sendFailed'));
      return false;
    }
  }

  async function press(btn, messageID, data) {
    btn.disabled = true;
    btn.setAttribute('aria-busy', 'true');
    try {
      await post('press', { message_id: messageID, data });
    } catch {
      toast(t('pressFailed'));
    } finally {
      btn.disabled = false;
      btn.removeAttribute('aria-busy');
    }
  }

  function connect(chat) {
    if (state.source) state.source.close();
    state.chat = chat;
    reset([]);
    setStatus('connecting');
    const src = new EventSource(`/api/chats/${chat}/events`);
    state.source = src;
    const on = (name, fn) => src.addEventListener(name, (ev) => {
      if (state.source === src) fn(JSON.parse(ev.data));
    });
    on('snapshot', (d) => { reset(d.items); setStatus('online'); });
    on('upsert', (it) => {
      upsert(it, it.from === 'user');
      if (it.from !== 'user') loadCommands(); // a turn may change the chat's menu
    });
    on('delete', (d) => remove(d.id));
    on('toast', (d) => toast(d.text));
    src.addEventListener('error', () => { if (state.source === src) setStatus('offline'); });
    loadCommands();
  }

  // --- wiring --------------------------------------------------------------

  function autosize() {
    els.text.style.height = 'auto';
    els.text.style.height = `${Math.min(els.text.scrollHeight, 140)}px`;
  }

  els.form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = els.text.value;
    if (!text.trim()) return;
    els.text.value = '';
    autosize();
    if (!(await sendText(text))) els.text.value = text;
    els.text.focus();
  });
  els.text.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      els.form.requestSubmit();
    }
  });
  els.text.addEventListener('input', autosize);
  els.chips.addEventListener('click', (ev) => {
    const chip = ev.target.closest('[data-command]');
    if (chip) sendText(chip.dataset.command);
  });
  els.log.addEventListener('click', (ev) => {
    const sp = ev.target.closest('.spoiler');
    if (sp) sp.classList.add('revealed');
  });
  els.log.addEventListener('keydown', (ev) => {
    const sp = ev.target.closest('.spoiler');
    if (sp && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); sp.classList.add('revealed'); }
  });
  els.user.addEventListener('change', () => {
    store('sandbox.user', els.user.value);
    connect(Number(els.user.value));
  });
  els.lang.addEventListener('click', () => {
    state.lang = state.lang === 'de' ? 'en' : 'de';
    store('sandbox.lang', state.lang);
    applyLabels();
    loadCommands();
  });

  // The chips show the command menu the bot set for the chat's user, in the
  // page's language (as Telegram's menu button would); the page's own list
  // stays until then. Only the newest answer counts.
  async function loadCommands() {
    const seq = (state.commandsSeq = (state.commandsSeq || 0) + 1);
    try {
      const res = await fetch(`/api/commands?lang=${state.lang}&chat=${state.chat || ''}`);
      const cmds = (await res.json()).commands || [];
      if (!cmds.length || seq !== state.commandsSeq) return;
      els.chips.replaceChildren(...cmds.map((c) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'chip';
        b.dataset.command = `/${c.command}`;
        b.textContent = `/${c.command}`;
        b.title = c.description;
        return b;
      }));
    } catch {
      // keep the page's list
    }
  }

  async function start() {
    applyLabels();
    try {
      const res = await fetch('/api/users');
      state.users = (await res.json()).users || [];
    } catch {
      setStatus('offline');
      return;
    }
    const wanted = Number(new URLSearchParams(location.search).get('user') || readStored('sandbox.user', '0'));
    const chosen = state.users.find((u) => u.id === wanted) || state.users[0];
    if (!chosen) return;
    state.chat = chosen.id;
    fillUsers();
    connect(chosen.id);
    els.text.focus();
  }
  start();
})();
