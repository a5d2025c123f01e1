// The language offer, served as `/assets/language-offer.js` (same origin, so the CSP allows it).
// No page redirects by language: when the browser prefers German or Chinese (of our three, the
// first it lists) and the page is in another language, the one-line offer of that version is
// shown, until the reader picks a language with the header's switch or the offer itself.
export const LANGUAGE_OFFER_SCRIPT = '/assets/language-offer.js';

export const LANGUAGE_OFFER_JS = `(function () {
  'use strict';
  var KEY = 'insights-language-chosen';
  var links = document.querySelectorAll('[data-language-choice]');
  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener('click', function () { try { localStorage.setItem(KEY, '1'); } catch (e) {} });
  }
  try { if (localStorage.getItem(KEY)) return; } catch (e) { return; }
  var page = (document.documentElement.lang || 'en').slice(0, 2);
  var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || '']);
  for (var j = 0; j < wanted.length; j++) {
    var code = String(wanted[j]).toLowerCase().slice(0, 2);
    if (code !== 'en' && code !== 'de' && code !== 'zh') continue;
    if (code === page) return;
    var offer = document.querySelector('[data-language-offer="' + code + '"]');
    if (offer) offer.hidden = false;
    return;
  }
})();
`;
