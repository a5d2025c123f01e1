// Messages of every email: newsletters' chrome and transactional mail.
export const email = {
  // The house layout (mail/simple-email.tsx) and every greeting.
  'email.greeting.named': 'Hello {name},',
  'email.greeting.anonymous': 'Hello,',
  'email.layout.buttonFallback': 'If the button does not work, copy this address into your browser: {url}',

  // Members: sign-in link and double opt-in.
  'email.signIn.subject': 'Your sign-in link for {site}',
  'email.signIn.body': 'Here is your link to sign in. It works once, within 15 minutes.',
  'email.signIn.action': 'Sign in to {site}',
  'email.signIn.closing': 'If you did not ask for this, ignore this email; nobody can sign in without the link.',
  'email.subscribe.subject': 'Confirm your subscription to {site}',
  'email.subscribe.body': 'Please confirm that you want to receive {site} by email. Until you confirm, we send you nothing else.',
  'email.subscribe.action': 'Confirm my subscription',
  'email.subscribe.closing': 'If you did not ask for this, ignore this email and you will not be subscribed.',

  // Staff: invitation and password reset.
  'email.staffInvite.subject': 'Your staff account for the {site} desk',
  'email.staffInvite.body':
    '{invitedBy} gave you {role, select, owner {an owner} admin {an admin} editor {an editor} contributor {a contributor} other {a {role}}} account on the {site} desk. Set your password to sign in; the link works once, for 24 hours.',
  'email.staffInvite.closing': 'If you did not expect this, ignore this email.',
  'email.passwordReset.subject': 'Set your password for the {site} desk',
  'email.passwordReset.body': 'Someone (hopefully you) asked to set a new password for your staff account. The link works once, for 24 hours.',
  'email.passwordReset.closing': 'If you did not ask for this, ignore this email; your password stays as it is.',
  'email.staff.setPassword': 'Set your password',

  // Events: registrations.
  'email.event.when': 'When: {when}',
  'email.event.where': 'Where: {where}',
  'email.event.online': 'Online: {url}',
  'email.event.openPage': 'Open the event page',
  'email.event.seeYou': 'See you there.',
  'email.event.confirmed.subject': 'You are registered: {event}',
  'email.event.confirmed.body': 'Your place at {event} is confirmed.',
  'email.event.confirmed.calendar': 'The attached calendar file adds the event to your calendar.',
  'email.event.confirmed.cancel': 'If you cannot come, please cancel on the event page, so someone on the waitlist gets your place.',
  'email.event.waitlisted.subject': 'You are on the waitlist: {event}',
  'email.event.waitlisted.body': '{event} is full, so you are on the waitlist.',
  'email.event.waitlisted.next': 'When a place frees up, the first person on the waitlist gets it automatically and we email you at once.',
  'email.event.waitlisted.closing': 'Thank you for your patience.',
  'email.event.promoted.subject': 'A place is free: you are registered for {event}',
  'email.event.promoted.body': 'A place at {event} became free, and as you were next on the waitlist, it is now yours: your registration is confirmed.',
  'email.event.promoted.calendar': 'The attached calendar file adds the event to your calendar. If you cannot come, please cancel on the event page.',

  // Events: calls for speakers and partners.
  'email.proposal.received.subject': 'We received your {kind, select, speaker {speaker} partner {partner} other {{kind}}} proposal for {event}',
  'email.proposal.received.body': 'Thank you for your proposal “{title}”. The events team will review it and email you the decision.',
  'email.proposal.received.withdrawNote': 'If your plans change, you can withdraw the proposal with the link below.',
  'email.proposal.received.action': 'Withdraw my proposal',
  'email.proposal.closing': 'Best regards, the events team.',
  'email.proposal.accepted.subject': 'Accepted: {title} at {event}',
  'email.proposal.accepted.body':
    'We are glad to tell you that your {kind, select, speaker {speaker} partner {partner} other {{kind}}} proposal “{title}” for {event} has been accepted.',
  'email.proposal.accepted.next': 'The events team will contact you with the details.',
  'email.proposal.declined.subject': 'Your proposal: {title} at {event}',
  'email.proposal.declined.body':
    'Thank you for your {kind, select, speaker {speaker} partner {partner} other {{kind}}} proposal “{title}” for {event}. We received many strong proposals and cannot include yours this time.',

  // Programs: registration and pair introductions.
  'email.program.saved.subject': '{created, select, yes {You are registered} other {Your registration was updated}}: {program}',
  'email.program.saved.body':
    '{created, select, yes {Thank you for registering} other {Your answers were saved}} for {program} as a {role, select, mentor {mentor} mentee {mentee} participant {participant} other {{role}}}. The organisers will introduce you to your {role, select, mentor {mentees} mentee {mentor} other {fellow participants}} by email once the matching is done.',
  'email.program.saved.role': 'Role: {role, select, mentor {mentor} mentee {mentee} participant {participant} other {{role}}}',
  'email.program.saved.capacity': '{capacity, plural, one {up to # mentee} other {up to # mentees}}',
  'email.program.saved.expertise': 'Expertise: {areas}',
  'email.program.saved.goals': 'Goals: {areas}',
  'email.program.saved.languages': 'Languages: {languages}',
  'email.program.saved.times': 'Times: {times}',
  'email.program.saved.changeUntil': 'You can change your answers until {deadline} on the program’s page.',
  'email.program.saved.change': 'You can change your answers on the program’s page.',
  'email.program.saved.action': 'See or change your registration',
  'email.program.questionsTo': 'Questions? Write to {email}.',
  'email.program.questionsReply': 'Questions? Reply to this email.',
  'email.pairIntroduction.subject': '{program}: meet your {other, select, mentor {mentor} other {mentee}}, {name}',
  'email.pairIntroduction.paired': 'The organisers of {program} have paired you with your {other, select, mentor {mentor} other {mentee}}:',
  'email.pairIntroduction.email': 'Email',
  'email.pairIntroduction.canHelpWith': 'Can help with',
  'email.pairIntroduction.wantsHelpWith': 'Wants help with',
  'email.pairIntroduction.basedIn': 'Based in',
  'email.pairIntroduction.inTheirWords': 'In their words',
  'email.pairIntroduction.mentorFirst': 'As the mentor, please write first to suggest a first conversation. Both of you received this pair introduction.',
  'email.pairIntroduction.menteeWait': 'Your mentor will write to you; you are welcome to write first. Both of you received this pair introduction.',
  'email.pairIntroduction.questionsTo': 'Questions about the program? Write to {email}.',
  'email.pairIntroduction.goodStart': 'We wish you both a good start.',

  // Inquiries: the team's notice (sent in the site's language).
  'email.inquiry.subject': 'New inquiry: {topic} from {name}',
  'email.inquiry.wrote': '{sender} wrote through the contact form about “{topic}”:',
  'email.inquiry.replyNote': 'Reply to this email to answer them directly, then mark the inquiry as answered in the inbox.',
  'email.inquiry.action': 'Open the inquiry in the desk',
  'email.inquiry.closing': 'This notice was sent because someone used the contact form.',

  // Newsletter editions (delivery/render/edition.ts and the sender).
  'email.edition.membersSubject': '{title} (members’ edition)',
  'email.edition.viewInBrowser': 'View in your browser',
  'email.edition.membersGetFull': 'Members get the full version.',
  'email.edition.membersGetFullDetail': 'Employees of member companies receive every story in full by email and can read it on the web after signing in.',
  'email.edition.signInForFull': 'Sign in to read the full version',
  'email.edition.signInForFullText': 'Members get the full version. Sign in to read it:',
  'email.edition.sources': 'Sources: {sources}',
  'email.edition.applyBy': 'Apply by {deadline}',
  'email.edition.youReceive': 'You receive {site} because you subscribed to it.',
  'email.edition.unsubscribe': 'Unsubscribe',
  'email.edition.preferences': 'Your preferences',
  'email.edition.test': '[Test] {subject}',
} as const;
