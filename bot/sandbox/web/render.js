// MiGlobe sandbox chat: one bubble of the chat as DOM nodes. Bot texts
// arrive as a tree of allowed elements (parsed on the server); this script
// builds DOM nodes from it with createElement and textContent only; no HTML
// string is ever parsed here. Buttons (inline buttons, and the bot commands
// in a text, tappable as in Telegram) carry what a press sends in data
// attributes, links to the bot (in a text or a link button) their start
// payload in data-start; app.js handles the presses.
'use strict';

window.SANDBOX_RENDER = (() => {
  const TAGS = { b: 'b', i: 'i', u: 'u', s: 's', code: 'code', pre: 'pre', blockquote: 'blockquote' };

  function make(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function renderRich(nodes, parent, t) {
    for (const n of nodes || []) {
      if (!n.tag) {
        parent.append(document.createTextNode(n.text || ''));
        continue;
      }
      if (n.tag === 'command') {
        const cmd = make('button', 'cmd', n.text || '');
        cmd.type = 'button';
        cmd.dataset.command = n.text || '';
        cmd.title = t('sendCommand');
        parent.append(cmd);
        continue;
      }
      let el;
      if (n.tag === 'a' && n.user) { // a mention: Telegram opens the person's profile; links.js explains
        el = make('span', 'mention'); // a span, so that the text around it flows as text
        el.tabIndex = 0;
        el.setAttribute('role', 'button');
        el.dataset.mention = String(n.user);
      } else if (n.tag === 'a' && /^(https?|mailto):/i.test(n.href || '')) {
        el = document.createElement('a');
        el.href = n.href;
        el.target = '_blank';
        el.rel = 'noopener noreferrer nofollow';
        if (n.start) { // a link to the bot: app.js asks who opens it
          el.dataset.start = n.start;
          el.className = 'botlink';
          el.title = t('openAsHint');
        }
      } else if (n.tag === 'spoiler') {
        el = document.createElement('span');
        el.className = 'spoiler';
        el.tabIndex = 0;
        el.setAttribute('role', 'button');
        el.setAttribute('aria-label', t('spoiler'));
      } else {
        el = document.createElement(TAGS[n.tag] || 'span');
      }
      renderRich(n.kids, el, t);
      parent.append(el);
    }
  }

  function formatSize(n) {
    if (n < 1024) return `${n} B`;
    const kb = n / 1024;
    if (kb < 1024) return `${kb.toFixed(kb < 10 ? 1 : 0)} KB`;
    return `${(kb / 1024).toFixed(1)} MB`;
  }

  function renderDocument(doc, t) {
    const a = make('a', 'doc');
    a.href = doc.url;
    a.download = doc.name;
    a.append(make('span', 'doc-icon', '\u2193'), make('span', 'doc-name', doc.name),
      make('span', 'doc-size', `${formatSize(doc.size)} · ${t('download')}`));
    a.firstChild.setAttribute('aria-hidden', 'true');
    return a;
  }

  function renderKeyboard(it, t) {
    const kb = make('div', 'kb');
    for (const row of it.buttons) {
      const r = make('div', 'kb-row');
      for (const b of row) {
        if (b.url && !b.start) { // a link button opens its URL, as Telegram's does; the bot hears nothing
          const a = make('a', 'kb-btn kb-link', b.text);
          a.href = b.url;
          a.target = '_blank';
          a.rel = 'noopener noreferrer nofollow';
          r.append(a);
          continue;
        }
        if (b.url) { // a link button that opens the bot: app.js asks who opens it
          const btn = make('button', 'kb-btn kb-link', b.text);
          btn.type = 'button';
          btn.dataset.start = b.start;
          btn.title = t('openAsHint');
          r.append(btn);
          continue;
        }
        const btn = make('button', 'kb-btn', b.text);
        btn.type = 'button';
        btn.dataset.message = String(it.id);
        btn.dataset.data = b.data;
        r.append(btn);
      }
      kb.append(r);
    }
    return kb;
  }

  // item returns the list entry of one chat item: key is its sort key, t
  // the page's label function. Its time of day comes from the server, in
  // the bot's time zone, whatever the browser's zone.
  function item(it, key, t) {
    const li = make('li', `msg ${it.from === 'user' ? 'user' : 'bot'}`);
    li.dataset.key = JSON.stringify(key);
    const bubble = make('div', 'bubble');
    li.append(bubble);
    if (it.from === 'user') {
      bubble.append(make('div', 'text', it.text));
    } else {
      li.dataset.id = String(it.id);
      if (it.document) bubble.append(renderDocument(it.document, t));
      if (it.rich && it.rich.length) {
        const text = make('div', 'text');
        renderRich(it.rich, text, t);
        bubble.append(text);
      }
    }
    const meta = make('div', 'meta');
    if (it.edited) meta.append(make('span', 'edited', t('edited')));
    if (it.time) {
      const el = make('time', '', it.time);
      el.dateTime = it.at;
      meta.append(el);
    }
    bubble.append(meta);
    if (it.from === 'bot' && it.buttons && it.buttons.length) li.append(renderKeyboard(it, t));
    return li;
  }

  return Object.freeze({ item });
})();
