// Messages of the optional open pixel (issue 20): the desk's setting and report, and /privacy.
export const engagementOpens = {
  'engagementOpens.settings.label': 'Open counting (unreliable): newsletter emails carry a 1×1 image (/o/…) that counts who loaded it, per contact only with consent',
  'engagementOpens.settings.hint': 'Opens are unreliable: Apple Mail Privacy Protection and image proxies load the image without anyone reading, and many mail programs block images. Off by default; it needs click counting on.',
  'engagementOpens.delivery.heading': 'Opens (unreliable)',
  'engagementOpens.delivery.count': 'Opens counted: {count}',
  'engagementOpens.delivery.explanation': 'Counted when the 1×1 image loads: mail privacy features and image proxies load it without a reader, blocked images never count, so this is neither a number of readers nor a rate.',
  'engagementOpens.privacy.on': 'Our newsletter emails contain a small invisible image (/o/…): when your mail program loads it, we count one opening of that newsletter, without recording who opened it. Only for readers who agreed to engagement tracking do we record that they opened it.',
  'engagementOpens.privacy.off': 'Our newsletter emails contain no tracking image: we do not count openings.',
} as const;
