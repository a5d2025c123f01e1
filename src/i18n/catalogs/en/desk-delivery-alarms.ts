// Messages of a delivery's alarms (issue 19): the alarm email to owners and admins, the per-domain
// chart over time on the delivery's desk page, and the domain limits in the site settings.
export const deskDeliveryAlarms = {
  'deskDeliveryAlarms.email.body': 'Delivery #{id} of "{title}" ({edition, select, full {full edition} other {teaser edition}}): {alarm}. {sent} of {total} sent so far, {left} left.',
  'deskDeliveryAlarms.email.closing': 'You get this email once per incident, as an owner or admin of the site. The alarm clears by itself when the delivery is healthy again.',
  'deskDeliveryAlarms.settings.legend': 'Sending',
  'deskDeliveryAlarms.settings.domainLimits': 'Limits per receiving domain',
  'deskDeliveryAlarms.settings.domainLimitsHint': 'At most so many messages to a domain, e.g. qq.com=4000/h, 163.com=1000/h (per s, m, h or d), separated by commas. Saved here, it replaces SEND_DOMAIN_LIMITS; empty: no fixed limits.',
  'deskDeliveryAlarms.settings.badLimit': '"{part}" is not a limit: write a domain, =, a number above 0, / and s, m, h or d, like qq.com=4000/h.',
  'deskDeliveryAlarms.timeline.heading': 'Replies per domain over time',
  'deskDeliveryAlarms.timeline.none': 'No replies from the receiving servers yet.',
  'deskDeliveryAlarms.timeline.label': 'Replies per minute for {count, plural, one {# domain} other {# domains}}, over {minutes, plural, one {# minute} other {# minutes}} with replies; at most {max} of a kind in a minute.',
  'deskDeliveryAlarms.timeline.colours': 'Above each line: accepted (green). Below it: deferred (amber), then failed (red).',
  'deskDeliveryAlarms.timeline.bar': '{domain}, {minute}: {accepted} accepted, {deferred} deferred, {failed} failed',
  'deskDeliveryAlarms.timeline.table': 'The figures as a table',
  'deskDeliveryAlarms.timeline.minute': 'Minute',
  'deskDeliveryAlarms.timeline.cell': '{accepted} accepted, {deferred} deferred, {failed} failed',
} as const;
