// Messages of the private full-text feed: its section on /account and the feed itself (docs/feeds.md).
export const privateFeed = {
  'privateFeed.account.heading': 'Your private feed',
  'privateFeed.account.intro': 'Read the full edition in your feed reader: a private Atom feed of the newest issues with their full text, members-only parts included.',
  'privateFeed.account.personal': 'The link is personal: anyone who has it can read the feed. Do not share it; if it got out, make a new one and the old one stops working at once.',
  'privateFeed.account.none': 'You have no feed link yet.',
  'privateFeed.account.exists': 'You have a feed link, made on {date}. We show a link only once, when it is made: if you lost it, make a new one.',
  'privateFeed.account.created': 'Here is your new feed link. Copy it into your feed reader now: we show it only this once.',
  'privateFeed.account.rotated': 'Your earlier feed link has stopped working.',
  'privateFeed.account.url': 'Feed address',
  'privateFeed.account.create': 'Create feed link',
  'privateFeed.account.rotate': 'Rotate: make a new link',
  'privateFeed.account.revoke': 'Revoke feed link',
  'privateFeed.account.revoked': 'Your feed link is revoked and no longer works.',
  'privateFeed.account.notMember': 'The private feed with the full text is for contacts of member companies.',
  'privateFeed.feed.title': '{site}: full edition',
  'privateFeed.feed.subtitle': 'The full text of every issue, members-only parts included. This feed is personal: do not share its address.',
  'privateFeed.notFound': 'There is no feed at this address. A feed link stops working when it is replaced or revoked, or when the membership ends; make a new one on your account page: {url}',
} as const;
