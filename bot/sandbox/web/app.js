// MiGlobe sandbox chat: the live stream of one demo user's chat, sending
// texts and presses. render.js builds the bubbles (DOM nodes only, no HTML
// strings); labels.js holds the page's own texts; chips.js the command
// chips; links.js asks who opens a link to the bot.
'use strict';

(() => {
  const LABELS = window.SANDBOX_LABELS;

  const $ = (id) => document.getElementById(id);
  const els = {
    log: $('log'), chat: $('chat'), empty: $('empty'), status: $('status'), user: $('user'),
    lang: $('lang'), chips: $('chips'), form: $('form'), text: $('text'), send: $('send'), toast: $('toast'),
    openAs: $('open-as'),
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

  // userLabel names a demo user with their role, and their app's language
  // when it is not German: "Berater*in – Chidi Okafor (EN)".
  function userLabel(u) {
    const name = [u.first_name, u.last_name].filter(Boolean).join(' ');
    const role = u.persona ? `${t('personas')[u.persona] || u.persona} – ` : '';
    const lang = u.language_code && u.language_code !== 'de' ? ` (${u.language_code.toUpperCase()})` : '';
    return role + name + lang;
  }

  // fillUsers lists the demo users in the switch; the members of a demo
  // association come under its name, so that the short label of the
  // chosen one ("Verein – Amara Diallo") still fits a phone.
  function fillUsers() {
    const groups = new Map();
    els.user.replaceChildren(...state.users.flatMap((u) => {
      const opt = document.createElement('option');
      opt.value = String(u.id);
      opt.textContent = userLabel(u);
      if (!u.org) return [opt];
      if (groups.has(u.org)) { groups.get(u.org).append(opt); return []; }
      const group = document.createElement('optgroup');
      group.label = u.org;
      group.append(opt);
      groups.set(u.org, group);
      return [group];
    }));
    if (state.chat) els.user.value = String(state.chat);
  }

  // --- the chat --------------------------------------------------------------

  const renderItem = (it) => window.SANDBOX_RENDER.item(it, itemKey(it), t);

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

  // The command chips: the bot's menu for the chat's user (see chips.js).
  const loadCommands = window.SANDBOX_CHIPS.menu(els.chips, {
    lang: () => state.lang, chat: () => state.chat, send: (text) => sendText(text),
  });

  function connect(chat) {
    if (state.source) state.source.close();
    els.toast.classList.remove('show'); // a note of the chat left behind
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
  // A turned phone or an opening keyboard resizes the chat: one that showed
  // the newest message goes on showing it.
  let atBottom = true;
  els.chat.addEventListener('scroll', () => { atBottom = nearBottom(); }, { passive: true });
  new ResizeObserver(() => { if (atBottom) scrollToBottom(); }).observe(els.chat);
  els.log.addEventListener('click', (ev) => {
    const link = ev.target.closest('[data-start]'); // a link to the bot, in the text or a button
    if (link) {
      ev.preventDefault();
      links.ask(link.dataset.start);
      return;
    }
    const btn = ev.target.closest('button.kb-btn'); // a link button (an a.kb-btn) opens its URL itself
    if (btn) {
      press(btn, Number(btn.dataset.message), btn.dataset.data);
      return;
    }
    // A command in the bot's text is sent as the user's message, as in Telegram.
    const cmd = ev.target.closest('.cmd');
    if (cmd) {
      sendText(cmd.dataset.command);
      return;
    }
    const sp = ev.target.closest('.spoiler');
    if (sp) sp.classList.add('revealed');
  });
  els.log.addEventListener('keydown', (ev) => {
    const sp = ev.target.closest('.spoiler');
    if (sp && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); sp.classList.add('revealed'); }
  });
  function switchTo(id) {
    els.user.value = String(id);
    store('sandbox.user', els.user.value);
    connect(id);
  }
  els.user.addEventListener('change', () => switchTo(Number(els.user.value)));

  // A link to the bot opens as the demo user the visitor picks (links.js).
  const links = window.SANDBOX_LINKS.chooser(els.openAs, {
    t, toast, users: () => state.users, current: () => state.chat, label: userLabel,
    switchTo: (id) => { if (id !== state.chat) switchTo(id); },
  });
  window.SANDBOX_LINKS.mentions(els.log, { t, toast, users: () => state.users, label: userLabel });
  els.lang.addEventListener('click', () => {
    state.lang = state.lang === 'de' ? 'en' : 'de';
    store('sandbox.lang', state.lang);
    applyLabels();
    loadCommands();
  });

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
