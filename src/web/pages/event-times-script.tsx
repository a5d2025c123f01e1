// The reader's-time script, served as `/assets/event-times.js` (same origin, so the CSP's
// `script-src 'self'` allows it; pages never carry inline script). Pages are complete without
// it: when the browser's zone differs from the event's, it adds the time in the reader's zone,
// in the page's language: the node carries the sentence (data-text, with {zone}, {start} and
// {end} left to fill) and the locale to format the times in (data-locale).
export const EVENT_TIMES_JS = `(function () {
  'use strict';
  var reader;
  try { reader = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!reader) return;
  var nodes = document.querySelectorAll('.event-reader-time[data-starts]');
  for (var i = 0; i < nodes.length; i++) {
    var node = nodes[i];
    var zone = node.getAttribute('data-zone');
    var locale = node.getAttribute('data-locale') || 'en-GB';
    var text = node.getAttribute('data-text') || 'In your time zone ({zone}): {start} to {end}';
    var starts = new Date(node.getAttribute('data-starts'));
    var ends = new Date(node.getAttribute('data-ends'));
    if (!zone || isNaN(starts.getTime()) || isNaN(ends.getTime())) continue;
    var options = { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    var inEvent, inReader, endText;
    try {
      inEvent = new Intl.DateTimeFormat(locale, Object.assign({ timeZone: zone }, options)).format(starts);
      inReader = new Intl.DateTimeFormat(locale, Object.assign({ timeZone: reader, timeZoneName: 'short' }, options)).format(starts);
      endText = new Intl.DateTimeFormat(locale, { timeZone: reader, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(ends);
    } catch (e) { continue; }
    var plain = new Intl.DateTimeFormat(locale, Object.assign({ timeZone: reader }, options)).format(starts);
    if (plain === inEvent) continue;
    node.textContent = text.split('{zone}').join(reader).split('{start}').join(inReader).split('{end}').join(endText);
    node.hidden = false;
  }
})();
`;
