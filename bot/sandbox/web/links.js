// MiGlobe sandbox chat: links to the bot. In Telegram a link such as
// https://t.me/<bot>?start=<code> opens the bot for whoever taps it; the
// sandbox has one screen for every demo user, so a tap asks who opens it
// ("Link öffnen als …"), switches the page to that user and sends
// /start <code> as them. app.js wires it; other links open in a new tab.
// A tap on a mention of a person says what Telegram would open.
'use strict';

window.SANDBOX_LINKS = (() => {
  // chooser returns {ask(payload)} for the dialog element dlg: t is the
  // page's label function, toast(text) shows a short note, users() the demo
  // users, current() the id of the user the page shows, label(u) a user's
  // name in the page's language, switchTo(id) shows user id's chat.
  function chooser(dlg, { t, toast, users, current, label, switchTo }) {
    const list = dlg.querySelector('.sheet-users');
    let payload = '';

    // open switches to user id and sends /start <payload> as them; their
    // chat's live stream shows it and the bot's answer.
    async function open(id, p) {
      const u = users().find((x) => x.id === id);
      if (!u) return;
      switchTo(id);
      toast(`${t('openedAs')} ${label(u)}`);
      try {
        const res = await fetch(`/api/chats/${id}/start`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ payload: p }),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
      } catch {
        toast(t('sendFailed'));
      }
    }

    function fill() {
      list.replaceChildren(...users().map((u) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'sheet-user';
        b.dataset.user = String(u.id);
        const who = document.createElement('span');
        who.className = 'sheet-who';
        who.textContent = label(u);
        if (u.org) {
          const org = document.createElement('small');
          org.className = 'sheet-org';
          org.textContent = u.org;
          who.append(org);
        }
        b.append(who);
        if (u.id === current()) {
          const me = document.createElement('span');
          me.className = 'sheet-me';
          me.textContent = t('openAsCurrent');
          b.append(me);
        }
        return b;
      }));
    }

    dlg.addEventListener('click', (ev) => {
      if (ev.target === dlg) { dlg.close(); return; } // a tap on the backdrop
      const pick = ev.target.closest('.sheet-user');
      if (pick) {
        dlg.close();
        open(Number(pick.dataset.user), payload);
        return;
      }
      if (ev.target.closest('.sheet-cancel')) dlg.close();
    });

    return Object.freeze({
      ask(p) {
        payload = p;
        fill();
        dlg.showModal();
        list.firstElementChild?.focus();
      },
    });
  }

  // mentions makes a tap on a mention of a person (a tg://user link, such
  // as the municipal contact's name on an accepted offer) in the element
  // log say what Telegram would open, since the sandbox has chats with the
  // bot only: t, toast, users() and label(u) as for chooser.
  function mentions(log, { t, toast, users, label }) {
    const note = (ev) => {
      const m = ev.target.closest('[data-mention]');
      if (!m || (ev.type === 'keydown' && ev.key !== 'Enter' && ev.key !== ' ')) return;
      ev.preventDefault();
      const u = users().find((x) => String(x.id) === m.dataset.mention);
      toast(t('mention').replace('{name}', u ? label(u) : m.textContent));
    };
    log.addEventListener('click', note);
    log.addEventListener('keydown', note);
  }

  return Object.freeze({ chooser, mentions });
})();
