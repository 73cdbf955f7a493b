// MiGlobe sandbox chat: the command chips under the chat, the command menu
// the bot set for the chat's user in the page's language, as Telegram's
// menu button would show it. A tap sends the command.
'use strict';

window.SANDBOX_CHIPS = (() => {
  // menu wires the chips element el: lang() and chat() tell the page's
  // language and user, send(text) sends a command. It returns load(), which
  // fetches the menu again; the page's own list stays until the bot set
  // one, and only the newest answer counts.
  function menu(el, { lang, chat, send }) {
    let seq = 0;
    // A mouse wheel scrolls the one row of chips sideways.
    el.addEventListener('wheel', (ev) => {
      if (ev.deltaX !== 0 || ev.deltaY === 0 || el.scrollWidth <= el.clientWidth) return;
      ev.preventDefault();
      el.scrollLeft += ev.deltaY;
    }, { passive: false });
    el.addEventListener('click', (ev) => {
      const chip = ev.target.closest('[data-command]');
      if (chip) send(chip.dataset.command);
    });

    return async function load() {
      const mine = ++seq;
      try {
        const res = await fetch(`/api/commands?lang=${lang()}&chat=${chat() || ''}`);
        const cmds = (await res.json()).commands || [];
        if (!cmds.length || mine !== seq) return;
        el.replaceChildren(...cmds.map((c) => {
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
    };
  }

  return Object.freeze({ menu });
})();
