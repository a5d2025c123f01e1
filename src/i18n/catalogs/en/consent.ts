// Messages of the consent ledger's public side: the consent sentences forms show (stored in the
// ledger word for word), the consent prompt after sign-in and on the account page, the
// registration forms' newsletter box.
export const consent = {
  'consent.wording.newsletter': 'Yes, send {site} to my email address: the newsletter with innovation news, events and programs, about four times a year. I can withdraw this consent at any time with the link in every email or on my account page.',
  'consent.wording.eventRegistration': 'I register for this event. {site} uses my name, email address, company and answers to run it and to write to me about it. I can cancel my registration at any time.',
  'consent.wording.programRegistration': 'I register for this program. {site} uses my name, email address, company and answers to run it and to introduce me to its participants. I can withdraw my registration at any time.',
  'consent.prompt.title': 'May we send you the newsletter?',
  'consent.prompt.text': 'We have no record that you agreed to receive {site} by email. We only send it to people who agreed. One click records your consent; you can withdraw it at any time.',
  'consent.prompt.button': 'Yes, send me the newsletter',
  'consent.prompt.done': 'Thank you: your consent is recorded and the newsletter will reach you.',
  'consent.box.legend': 'Newsletter (optional)',
} as const;
