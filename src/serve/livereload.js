// aftalebog serve: live reload. Injected into every served page (never into a built site).
// Long-polls /__aftalebog/livereload?since=G; a new generation without errors reloads the
// page and keeps its scroll position; errors are shown as an overlay over the last good page.
// Diagnostic text is only ever set with textContent.
(function () {
  'use strict';
  var me = document.currentScript;
  var ENDPOINT = '/__aftalebog/livereload';
  var SCROLL_KEY = 'aftalebog:scroll:' + location.pathname;
  var label = (me && me.getAttribute('data-label')) || 'Errors in the content';
  var closeLabel = (me && me.getAttribute('data-close')) || 'Close';
  var generation = Number((me && me.getAttribute('data-generation')) || 0);
  var overlayId = 'aftalebog-errors';
  var dismissed = -1;

  function restoreScroll() {
    var saved;
    try { saved = JSON.parse(sessionStorage.getItem(SCROLL_KEY) || 'null'); } catch (e) { saved = null; }
    if (!saved) return;
    window.scrollTo(saved.x, saved.y);
    window.addEventListener('load', function () {
      window.scrollTo(saved.x, saved.y);
      try { sessionStorage.removeItem(SCROLL_KEY); } catch (e) { /* private mode */ }
    });
  }

  function reload() {
    try {
      sessionStorage.setItem(SCROLL_KEY, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    } catch (e) { /* private mode: reload without keeping the position */ }
    location.reload();
  }

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function removeOverlay() {
    var old = document.getElementById(overlayId);
    if (old) old.parentNode.removeChild(old);
  }

  function location_(e) {
    var where = e.file;
    if (e.line) where += ':' + e.line + (e.column ? ':' + e.column : '');
    return where;
  }

  function showErrors(gen, errors) {
    removeOverlay();
    if (dismissed === gen) return;
    var box = el('section');
    box.id = overlayId;
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'false');
    box.setAttribute('aria-labelledby', overlayId + '-title');
    box.style.cssText = 'position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:70vh;overflow:auto;' +
      'margin:0;padding:1rem 1.25rem;background:#fff;color:#1a1a1a;border-bottom:4px solid #b00020;' +
      'box-shadow:0 2px 12px rgba(0,0,0,.35);font:16px/1.45 system-ui,sans-serif;text-align:left';
    var title = el('h2', label + ' (' + errors.length + ')');
    title.id = overlayId + '-title';
    title.style.cssText = 'margin:0 0 .5rem;font-size:1.2rem;color:#b00020';
    var close = el('button', closeLabel);
    close.type = 'button';
    close.style.cssText = 'float:right;font:inherit;padding:.25rem .75rem;border:2px solid #1a1a1a;background:#fff;color:#1a1a1a;cursor:pointer';
    close.addEventListener('click', function () { dismissed = gen; removeOverlay(); });
    var list = el('ol');
    list.style.cssText = 'margin:0;padding-left:1.5rem';
    errors.forEach(function (e) {
      var item = el('li');
      item.style.margin = '0 0 .5rem';
      var where = el('code', location_(e));
      where.style.cssText = 'font-weight:bold;color:inherit;background:none';
      item.appendChild(where);
      item.appendChild(el('div', e.message));
      if (e.hint) {
        var hint = el('div', e.hint);
        hint.style.color = '#3d3d3d';
        item.appendChild(hint);
      }
      list.appendChild(item);
    });
    box.appendChild(close);
    box.appendChild(title);
    box.appendChild(list);
    document.body.appendChild(box);
  }

  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && document.getElementById(overlayId)) {
      dismissed = generation;
      removeOverlay();
    }
  });

  // A new generation: errors → the overlay over this (last good) page; none → reload.
  // Returns true when the page is going away.
  function handle(state) {
    if (state.generation === generation) return false;
    generation = state.generation;
    if (state.errors && state.errors.length) {
      showErrors(state.generation, state.errors);
      return false;
    }
    reload();
    return true;
  }

  function poll(delay) {
    var url = ENDPOINT + '?since=' + generation;
    fetch(url, { cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (state) { if (!handle(state)) poll(0); })
      .catch(function () {
        // Server restarting or gone: try again, more slowly each time.
        var next = Math.min(Math.max(delay * 2, 500), 5000);
        setTimeout(function () { poll(next); }, next);
      });
  }

  function start() {
    restoreScroll();
    // The page was served from `generation`: ask once at once (a newer build or errors may
    // be waiting), then long-poll for the next one.
    fetch(ENDPOINT, { cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (state) {
        if (state.generation === generation && state.errors && state.errors.length) {
          showErrors(state.generation, state.errors);
        } else if (handle(state)) {
          return;
        }
        poll(0);
      })
      .catch(function () { poll(500); });
  }

  start();
})();
