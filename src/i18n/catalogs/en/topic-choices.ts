// Messages of topic choices (issue 20): the account page's mode and the newsletter's "your topics" blocks.
export const topicChoices = {
  'topicChoices.account.mode': 'When you follow some topics',
  'topicChoices.account.modeFirst': 'Their stories first, the other stories listed by title',
  'topicChoices.account.modeOnly': 'Only their stories (the rest of the issue stays on the website)',
  'topicChoices.account.modeInvalid': 'Choose one of the two ways to receive your topics.',
  'topicChoices.email.yourTopics': 'Your topics',
  'topicChoices.email.onlyNote': 'You receive only the stories of the topics you follow. The whole issue is on the website:',
  'topicChoices.email.readOnline': 'read the whole issue',
} as const;
