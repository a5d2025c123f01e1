// The issue composer, in place. Progressive enhancement over the edit form: without this script
// every row button (add, move, remove) posts the whole form and the page comes back rearranged.
// With it, the same button's op is posted by fetch to the form's data-compose-url, which answers
// the sections' fragment (nothing is saved; only Save saves); the fragment replaces the old one,
// the focus goes where the server says (data-focus) and the live region reads data-announce.
// Also: Alt+Arrow Up/Down moves the section or item the focus is in; drag a row by its handle;
// each item's story list gets a type-to-filter box that asks the desk's title search.
(function () {
  'use strict';
  var form = document.querySelector('form[data-compose-url]');
  if (!form || !window.fetch || !window.FormData) return;
  var status = document.getElementById('composer-status');
  var busy = false;
  form.classList.add('js-composer');

  function say(text, problem) {
    if (!status) return;
    status.classList.toggle('composer-status--problem', !!problem);
    // Emptied first, so the same sentence twice is read twice.
    status.textContent = '';
    window.setTimeout(function () { status.textContent = text; }, 30);
  }

  function sections() { return document.getElementById('field-sections'); }

  function focusOn(spec, root) {
    if (!spec) return;
    var at = spec.indexOf(':');
    var kind = spec.slice(0, at);
    var value = spec.slice(at + 1);
    var candidates = root.querySelectorAll(kind === 'op' ? 'button[name="op"]' : '[name]');
    for (var i = 0; i < candidates.length; i++) {
      var el = candidates[i];
      if ((kind === 'op' && el.value === value) || (kind === 'name' && el.name === value)) { el.focus(); return; }
    }
  }

  function compose(op) {
    if (busy) return;
    busy = true;
    var data = new FormData(form);
    data.set('op', op);
    var body = new URLSearchParams();
    data.forEach(function (value, key) { if (typeof value === 'string') body.append(key, value); });
    fetch(form.getAttribute('data-compose-url'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: body.toString(),
      credentials: 'same-origin',
    })
      .then(function (response) {
        return response.text().then(function (text) { return { ok: response.ok, status: response.status, text: text }; });
      })
      .then(function (answer) {
        busy = false;
        if (!answer.ok) {
          say(answer.status === 409 ? answer.text : form.getAttribute('data-failed') || '', true);
          return;
        }
        var holder = document.createElement('div');
        holder.innerHTML = answer.text;
        var fresh = holder.querySelector('#field-sections');
        var old = sections();
        if (!fresh || !old) return;
        old.parentNode.replaceChild(fresh, old);
        enhance(fresh);
        focusOn(fresh.getAttribute('data-focus'), fresh);
        say(fresh.getAttribute('data-announce') || '', false);
      })
      .catch(function () {
        busy = false;
        say(form.getAttribute('data-failed') || '', true);
      });
  }

  // Row buttons: their op, in place. Save and Preview keep their ordinary submit.
  form.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('button[name="op"]') : null;
    if (!button || !sections() || !sections().contains(button)) return;
    event.preventDefault();
    compose(button.value);
  });

  // Alt+Arrow Up/Down: the innermost row the focus is in moves (an item before its section).
  form.addEventListener('keydown', function (event) {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    var row = event.target.closest ? event.target.closest('.item-row, .section-row') : null;
    if (!row || !sections() || !sections().contains(row)) return;
    event.preventDefault();
    var up = event.key === 'ArrowUp';
    var s = row.getAttribute('data-section');
    var op = row.classList.contains('item-row')
      ? 'item-' + (up ? 'up' : 'down') + ':' + s + ':' + row.getAttribute('data-item')
      : 'section-' + (up ? 'up' : 'down') + ':' + s;
    var exists = false;
    var buttons = row.querySelectorAll('button[name="op"]');
    for (var i = 0; i < buttons.length; i++) if (buttons[i].value === op) exists = true;
    if (exists) compose(op);
  });

  // Drag and drop by a handle (keyboard users have the buttons and Alt+Arrow).
  var dragged = null;
  function rowKey(row) {
    return row.classList.contains('item-row')
      ? { type: 'item', s: row.getAttribute('data-section'), i: row.getAttribute('data-item') }
      : { type: 'section', s: row.getAttribute('data-section') };
  }
  function clearTargets(root) {
    var marked = root.querySelectorAll('.drop-target, .is-dragging');
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove('drop-target', 'is-dragging');
  }
  function addHandle(row, label) {
    var legend = row.querySelector('legend');
    if (!legend || legend.querySelector('.drag-handle')) return;
    var handle = document.createElement('span');
    handle.className = 'drag-handle';
    handle.setAttribute('draggable', 'true');
    handle.setAttribute('aria-hidden', 'true');
    handle.title = label;
    handle.textContent = '\u2807\u2807';
    legend.insertBefore(handle, legend.firstChild);
    handle.addEventListener('dragstart', function (event) {
      event.stopPropagation();
      dragged = rowKey(row);
      row.classList.add('is-dragging');
      event.dataTransfer.effectAllowed = 'move';
      try { event.dataTransfer.setData('text/plain', dragged.type); } catch (e) { /* old browsers */ }
      try { event.dataTransfer.setDragImage(row, 10, 10); } catch (e) { /* optional */ }
    });
    handle.addEventListener('dragend', function () { dragged = null; clearTargets(document); });
  }
  function dropTargetOf(event) {
    if (!dragged || !event.target.closest) return null;
    return event.target.closest(dragged.type === 'item' ? '.item-row' : '.section-row');
  }

  function enhance(root) {
    var label = root.getAttribute('data-drag-label') || '';
    var rows = root.querySelectorAll('.section-row, .item-row');
    for (var i = 0; i < rows.length; i++) addHandle(rows[i], label);
    var selects = root.querySelectorAll('.item-row select[name$=".target"]');
    for (var j = 0; j < selects.length; j++) addFilter(selects[j], root.getAttribute('data-filter-label') || '');
  }

  document.addEventListener('dragover', function (event) {
    var target = dropTargetOf(event);
    if (!target) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    clearTargets(sections());
    target.classList.add('drop-target');
  });
  document.addEventListener('drop', function (event) {
    var target = dropTargetOf(event);
    if (!target) return;
    event.preventDefault();
    var to = rowKey(target);
    var from = dragged;
    dragged = null;
    clearTargets(document);
    if (from.type === 'section' && from.s !== to.s) compose('section-to:' + from.s + ':' + to.s);
    if (from.type === 'item' && (from.s !== to.s || from.i !== to.i)) compose('item-to:' + from.s + ':' + from.i + ':' + to.s + ':' + to.i);
  });

  // The story picker's filter: the desk searches the titles; the list keeps what matches (and the choice made).
  var searchUrl = form.getAttribute('data-search-url');
  var filterCount = 0;
  function addFilter(select, label) {
    if (!searchUrl || select.getAttribute('data-filtered') === '1') return;
    var group = select.querySelector('optgroup[data-target="story"]');
    if (!group) return;
    select.setAttribute('data-filtered', '1');
    var all = Array.prototype.slice.call(group.querySelectorAll('option'));
    var id = 'story-filter-' + (++filterCount);
    var wrap = document.createElement('div');
    wrap.className = 'picker-filter';
    var caption = document.createElement('label');
    caption.setAttribute('for', id);
    caption.textContent = label;
    var input = document.createElement('input');
    input.type = 'search';
    input.id = id;
    input.autocomplete = 'off';
    input.setAttribute('aria-controls', select.id);
    var count = document.createElement('span');
    count.className = 'picker-count';
    count.setAttribute('aria-live', 'polite');
    wrap.appendChild(caption);
    wrap.appendChild(input);
    wrap.appendChild(count);
    select.parentNode.insertBefore(wrap, select);
    var timer = null;
    var asked = 0;
    function show(values) {
      var chosen = select.value;
      while (group.firstChild) group.removeChild(group.firstChild);
      all.forEach(function (option) {
        if (values === null || values[option.value] || option.value === chosen) group.appendChild(option);
      });
      select.value = chosen;
    }
    input.addEventListener('keydown', function (event) { if (event.key === 'Enter') event.preventDefault(); });
    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var q = input.value.trim();
        var ticket = ++asked;
        if (q === '') { show(null); count.textContent = ''; return; }
        fetch(searchUrl + '?format=json&q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { accept: 'application/json' } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (found) {
            if (!found || ticket !== asked) return;
            var values = {};
            found.stories.forEach(function (story) { values[story.value] = true; });
            show(values);
            count.textContent = found.message || '';
          })
          .catch(function () { /* keep the list as it is */ });
      }, 250);
    });
  }

  enhance(sections() || document.createElement('div'));
})();
