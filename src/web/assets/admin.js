// The desk works without JavaScript; this only adds conveniences where a page asks for them.
// Live preview: a form with data-preview-url posts its Markdown fields there (with the form's
// CSRF token) as the editor types, and shows the rendered teaser and members-only part.
(function () {
  'use strict';
  document.querySelectorAll('form[data-preview-url]').forEach(function (form) {
    var target = document.getElementById(form.getAttribute('data-preview-target') || 'preview');
    if (!target) return;
    var timer = null;
    var last = '';
    function refresh() {
      var body = new URLSearchParams(new FormData(form)).toString();
      if (body === last) return;
      last = body;
      fetch(form.getAttribute('data-preview-url'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body: body,
        credentials: 'same-origin',
      })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) target.innerHTML = html; })
        .catch(function () { /* keep the last preview */ });
    }
    form.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
  });
})();
