// The desk's writing surface: a Markdown toolbar over a body's textarea, with keyboard shortcuts,
// a members-only button, an image picker and paste from Word or a web page turned into Markdown.
// Progressive enhancement: the server renders the toolbar hidden (its labels come from the
// catalogs) and the textarea stays a plain textarea without this script. The stored Markdown is
// the same format either way. Served as /assets/writing.js (the CSP allows only same-origin
// scripts, never inline ones). Also: a new story's slug follows its title until the slug is
// edited by hand. The live preview itself is admin.js's (the server's own renderer).
(function () {
  'use strict';
  if (window.insightsWriting) return; // linked twice on one page: wire once

  var MEMBERS_ONLY = '<!-- members-only -->';
  var SAFE_LINK = /^(https?:|mailto:)/i;

  // ---------------------------------------------------------------- editing the textarea

  function fire(textarea) {
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** Replaces the selection with `text` and selects [selectFrom, selectTo) of it (relative). */
  function replaceSelection(textarea, text, selectFrom, selectTo) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    textarea.focus();
    textarea.setRangeText(text, start, end, 'end');
    if (selectFrom !== undefined) textarea.setSelectionRange(start + selectFrom, start + (selectTo === undefined ? selectFrom : selectTo));
    fire(textarea);
  }

  function selected(textarea) {
    return textarea.value.slice(textarea.selectionStart, textarea.selectionEnd);
  }

  /** `**bold**`: wraps the selection, or inserts the markers with the cursor between them. */
  function wrap(textarea, before, after) {
    var text = selected(textarea);
    replaceSelection(textarea, before + text + after, before.length, before.length + text.length);
  }

  /** Puts `prefix` before every selected line (or the cursor's line). */
  function prefixLines(textarea, prefixOf) {
    var value = textarea.value;
    var start = value.lastIndexOf('\n', textarea.selectionStart - 1) + 1;
    var endAt = value.indexOf('\n', textarea.selectionEnd);
    var end = endAt === -1 ? value.length : endAt;
    var lines = value.slice(start, end).split('\n');
    var out = lines.map(function (line, index) { return prefixOf(index) + line.replace(/^(#{1,6} |> |- |\d+\. )/, ''); }).join('\n');
    textarea.focus();
    textarea.setSelectionRange(start, end);
    textarea.setRangeText(out, start, end, 'end');
    fire(textarea);
  }

  /** A block on lines of its own, with a blank line before and after. */
  function insertBlock(textarea, block) {
    var value = textarea.value;
    var at = textarea.selectionEnd;
    var before = value.slice(0, at);
    var after = value.slice(at);
    var lead = before === '' ? '' : /\n\n$/.test(before) ? '' : /\n$/.test(before) ? '\n' : '\n\n';
    var tail = after === '' ? '\n' : /^\n\n/.test(after) ? '' : /^\n/.test(after) ? '\n' : '\n\n';
    textarea.focus();
    textarea.setSelectionRange(at, at);
    replaceSelection(textarea, lead + block + tail, lead.length + block.length + tail.length);
  }

  /** The members-only divider: one per body, so an existing one moves to the cursor. */
  function membersOnly(textarea) {
    var value = textarea.value;
    var lines = value.split('\n');
    var found = lines.findIndex(function (line) { return line.trim() === MEMBERS_ONLY; });
    if (found !== -1) {
      var cursor = textarea.selectionEnd;
      var startOf = lines.slice(0, found).join('\n').length + (found > 0 ? 1 : 0);
      lines.splice(found, 1);
      var without = lines.join('\n').replace(/\n{3,}/g, '\n\n');
      var removed = value.length - without.length;
      textarea.value = without;
      var at = cursor > startOf ? Math.max(startOf, cursor - removed) : cursor;
      textarea.setSelectionRange(at, at);
    }
    insertBlock(textarea, MEMBERS_ONLY);
  }

  function link(textarea) {
    var text = selected(textarea);
    if (/^https?:\/\/\S+$/.test(text)) {
      replaceSelection(textarea, '[](' + text + ')', 1);
      return;
    }
    var label = text || '';
    var markdown = '[' + label + '](https://)';
    // Select the address part, ready to be typed over.
    replaceSelection(textarea, markdown, label.length + 3, label.length + 11);
  }

  var ACTIONS = {
    bold: function (t) { wrap(t, '**', '**'); },
    italic: function (t) { wrap(t, '_', '_'); },
    heading: function (t) { prefixLines(t, function () { return '## '; }); },
    list: function (t) { prefixLines(t, function () { return '- '; }); },
    numbered: function (t) { prefixLines(t, function (i) { return (i + 1) + '. '; }); },
    quote: function (t) { prefixLines(t, function () { return '> '; }); },
    link: link,
    'members-only': membersOnly,
  };
  var SHORTCUTS = { b: 'bold', i: 'italic', k: 'link' };

  // ---------------------------------------------------------------- paste: HTML to Markdown

  function escapeText(text) {
    return text.replace(/([\\`*_[\]<>])/g, '\\$1');
  }

  function isWordListParagraph(el) {
    return /MsoListParagraph/i.test(el.className || '') || /mso-list:\s*l\d/i.test(el.getAttribute('data-pasted-style') || '');
  }

  /** Inline Markdown of an element's children: text, emphasis, links; everything else is its text. */
  function inline(node) {
    var out = '';
    node.childNodes.forEach(function (child) {
      if (child.nodeType === 3) { out += escapeText(child.nodeValue.replace(/\s+/g, ' ')); return; }
      if (child.nodeType !== 1) return; // comments (Word's <!--[if …]-->) and the rest
      var tag = child.tagName.toLowerCase();
      var style = child.getAttribute('data-pasted-style') || '';
      if (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'head' || tag === 'title' || tag === 'meta' || tag === 'link') return;
      if (/mso-list:\s*ignore/i.test(style)) return; // Word's bullet or number, typed as text
      if (tag === 'br') { out += '  \n'; return; }
      var text = inline(child);
      if (tag === 'strong' || tag === 'b') { out += text.trim() ? '**' + text.trim() + '**' : text; return; }
      if (tag === 'em' || tag === 'i') { out += text.trim() ? '_' + text.trim() + '_' : text; return; }
      if (tag === 'a') {
        var href = (child.getAttribute('href') || '').trim();
        out += SAFE_LINK.test(href) && text.trim() ? '[' + text.trim() + '](' + href.replace(/[()\s]/g, encodeURIComponent) + ')' : text;
        return;
      }
      if (tag === 'img') {
        var src = (child.getAttribute('src') || '').trim();
        if (/^https?:/i.test(src)) out += '![' + escapeText(child.getAttribute('alt') || '') + '](' + src.replace(/[()\s]/g, encodeURIComponent) + ')';
        return;
      }
      out += text;
    });
    return out;
  }

  function clean(text) {
    return text.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').trim();
  }

  /** Markdown blocks of an element's children. */
  function blocks(node, out, depth) {
    var pendingInline = '';
    function flush() {
      var text = clean(pendingInline);
      if (text) out.push(text);
      pendingInline = '';
    }
    node.childNodes.forEach(function (child) {
      if (child.nodeType === 3) { pendingInline += escapeText(child.nodeValue.replace(/\s+/g, ' ')); return; }
      if (child.nodeType !== 1) return;
      var tag = child.tagName.toLowerCase();
      if (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'head' || tag === 'title' || tag === 'meta' || tag === 'link' || tag === 'xml') return;
      var heading = /^h([1-6])$/.exec(tag);
      var wordHeading = /MsoHeading([1-6])|MsoTitle/i.exec(child.className || '');
      if (heading || wordHeading) {
        flush();
        var level = heading ? Number(heading[1]) : wordHeading[1] ? Number(wordHeading[1]) : 1;
        // A body's headings start at level 2 (the page's title is the h1).
        var text = clean(inline(child));
        if (text) out.push(new Array(Math.min(6, Math.max(2, level + 1)) + 1).join('#') + ' ' + text.replace(/\n/g, ' '));
        return;
      }
      if (tag === 'ul' || tag === 'ol') {
        flush();
        out.push(list(child, tag === 'ol', ''));
        return;
      }
      if (tag === 'p' && isWordListParagraph(child)) {
        flush();
        var marker = child.querySelector('[data-pasted-style*="mso-list"]');
        var ordered = marker && /^\s*\d+[.)]/.test(marker.textContent || '');
        var item = clean(inline(child));
        if (item) {
          var last = out[out.length - 1];
          var line = (ordered ? '1. ' : '- ') + item;
          if (last && last.__wordList) { out[out.length - 1] = Object.assign(new String(last + '\n' + line), { __wordList: true }); }
          else out.push(Object.assign(new String(line), { __wordList: true }));
        }
        return;
      }
      if (tag === 'blockquote') {
        flush();
        var inner = [];
        blocks(child, inner, depth);
        if (inner.length) out.push(inner.join('\n\n').split('\n').map(function (l) { return '> ' + l; }).join('\n'));
        return;
      }
      if (tag === 'p' || tag === 'div' || tag === 'section' || tag === 'article' || tag === 'main' || tag === 'body' || tag === 'html' || tag === 'table' || tag === 'tbody' || tag === 'thead' || tag === 'tr' || tag === 'td' || tag === 'th' || tag === 'figure' || tag === 'header' || tag === 'footer' || tag === 'pre') {
        flush();
        var hasBlocks = child.querySelector('p,div,h1,h2,h3,h4,h5,h6,ul,ol,blockquote,table,tr,section,article');
        if (hasBlocks) blocks(child, out, depth);
        else {
          var para = clean(inline(child));
          if (para) out.push(para);
        }
        return;
      }
      if (tag === 'hr') { flush(); out.push('---'); return; }
      pendingInline += inline({ childNodes: [child] });
    });
    flush();
    return out;
  }

  /** A list as Markdown; nested lists indented under their item's text (`indent`: the parent's). */
  function list(el, ordered, indent) {
    var lines = [];
    var n = 0;
    var pad = typeof indent === 'string' ? indent : '';
    var lastMarker = ordered ? '1. ' : '- ';
    el.childNodes.forEach(function (li) {
      if (li.nodeType !== 1) return;
      var tag = li.tagName.toLowerCase();
      if (tag === 'ul' || tag === 'ol') { lines.push(list(li, tag === 'ol', pad + new Array(lastMarker.length + 1).join(' '))); return; }
      if (tag !== 'li') return;
      n += 1;
      var own = document.createElement('div');
      var nested = [];
      li.childNodes.forEach(function (c) {
        if (c.nodeType === 1 && /^(ul|ol)$/i.test(c.tagName)) nested.push(c);
        else own.appendChild(c.cloneNode(true));
      });
      lastMarker = ordered ? n + '. ' : '- ';
      lines.push(pad + lastMarker + clean(inline(own)).replace(/\n/g, ' '));
      var inner = pad + new Array(lastMarker.length + 1).join(' ');
      nested.forEach(function (c) { lines.push(list(c, /^ol$/i.test(c.tagName), inner)); });
    });
    return lines.join('\n');
  }

  /** Pasted HTML (Word, a web page) as Markdown: headings, lists, links, emphasis; nothing else. */
  function htmlToMarkdown(html) {
    // A document of its own, without a window: its scripts never run, its images never load, its
    // handlers never fire (and it has no CSP of ours to trip over, unlike DOMParser's).
    // Style and handler attributes are renamed before parsing (never applied, never compiled: the
    // page's CSP would only report them), style and script elements dropped; Word's list
    // markers are read from the renamed attribute.
    var inert = html
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/(<[^>]*?\s)(style|on[a-z]+)(\s*=)/gi, function (all, before, name, equals) { return before + 'data-pasted-' + name.toLowerCase() + equals; });
    var doc = document.implementation.createHTMLDocument('');
    doc.documentElement.innerHTML = inert.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>[\s\S]*$/i, '');
    return blocks(doc.body, [], 0).map(String).join('\n\n').replace(/\n{3,}/g, '\n\n');
  }

  // ---------------------------------------------------------------- the members-only status

  function membersOnlyStatus(textarea, status) {
    if (!status) return;
    var lines = textarea.value.split('\n');
    var at = lines.findIndex(function (line) { return line.trim() === MEMBERS_ONLY; });
    var text = at === -1 ? status.getAttribute('data-none') : (status.getAttribute('data-at') || '').replace('{line}', String(at + 1));
    if (status.textContent !== text) status.textContent = text;
    status.classList.toggle('writing__status--members', at !== -1);
  }

  // ---------------------------------------------------------------- wiring

  document.querySelectorAll('[data-writing-for]').forEach(function (toolbar) {
    var textarea = document.getElementById(toolbar.getAttribute('data-writing-for'));
    if (!textarea || textarea.tagName !== 'TEXTAREA') return;
    // The toolbar goes right above the textarea (below its label and hint).
    textarea.parentNode.insertBefore(toolbar, textarea);
    toolbar.hidden = false;
    var status = document.getElementById(toolbar.getAttribute('data-writing-status') || '');
    if (status) {
      textarea.parentNode.insertBefore(status, textarea.nextSibling);
      status.hidden = false;
    }
    textarea.classList.add('writing__area');

    toolbar.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-md]');
      if (!button) return;
      event.preventDefault();
      var action = button.getAttribute('data-md');
      if (action === 'image') {
        var select = toolbar.querySelector('select[data-md-image]');
        if (select && select.value) insertBlock(textarea, select.value);
        return;
      }
      if (ACTIONS[action]) ACTIONS[action](textarea);
    });

    // Arrow keys move along the toolbar too (Tab reaches every button).
    toolbar.addEventListener('keydown', function (event) {
      if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
      if (event.target.tagName === 'SELECT') return;
      var buttons = Array.prototype.slice.call(toolbar.querySelectorAll('button'));
      var index = buttons.indexOf(event.target);
      if (index === -1) return;
      event.preventDefault();
      var next = buttons[(index + (event.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length];
      next.focus();
    });

    textarea.addEventListener('keydown', function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      var action = SHORTCUTS[event.key.toLowerCase()];
      if (!action) return;
      event.preventDefault();
      ACTIONS[action](textarea);
    });

    textarea.addEventListener('paste', function (event) {
      var data = event.clipboardData;
      if (!data) return;
      var html = data.getData('text/html');
      if (!html) return; // plain text pastes as it is
      var markdown = htmlToMarkdown(html);
      if (!markdown) return;
      event.preventDefault();
      // Pasted blocks start on a line of their own (after a word, a blank line first).
      var before = textarea.value.slice(0, textarea.selectionStart);
      var lead = /\n\n$/.test(markdown) || before === '' || /\n$/.test(before) || markdown.indexOf('\n') === -1 ? '' : '\n\n';
      replaceSelection(textarea, lead + markdown, lead.length + markdown.length);
    });

    textarea.addEventListener('input', function () { membersOnlyStatus(textarea, status); });
    membersOnlyStatus(textarea, status);
  });

  // A new story's slug follows its title while nobody has typed into the slug field.
  document.querySelectorAll('form[data-slug-from-title]').forEach(function (form) {
    var slug = form.querySelector('input[name="slug"]');
    var title = form.querySelector('input[name="title"]');
    if (!slug || !title) return;
    var touched = slug.value !== '';
    slug.addEventListener('input', function () { touched = slug.value !== ''; });
    title.addEventListener('input', function () {
      if (touched) return;
      slug.value = slugOf(title.value);
    });
  });

  /** The server's slug rule (lib/slug.ts slugFromTitle) for Latin titles; others are left to the server. */
  function slugOf(title) {
    return title
      .toLowerCase()
      .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
      .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 80)
      .replace(/^-+|-+$/g, '');
  }

  window.insightsWriting = { htmlToMarkdown: htmlToMarkdown };
})();
