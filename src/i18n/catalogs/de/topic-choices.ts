import type { topicChoices as en } from '../en/topic-choices.js';

// Meldungen der Themenauswahl (Issue 20): die Art auf der Kontoseite und die Blöcke „Ihre Themen“ im Newsletter.
export const topicChoices: Readonly<Record<keyof typeof en, string>> = {
  'topicChoices.account.mode': 'Wenn Sie einigen Themen folgen',
  'topicChoices.account.modeFirst': 'Deren Beiträge zuerst, die übrigen Beiträge mit ihrem Titel aufgelistet',
  'topicChoices.account.modeOnly': 'Nur deren Beiträge (der Rest der Ausgabe bleibt auf der Website)',
  'topicChoices.account.modeInvalid': 'Bitte wählen Sie eine der beiden Arten, Ihre Themen zu erhalten.',
  'topicChoices.email.yourTopics': 'Ihre Themen',
  'topicChoices.email.onlyNote': 'Sie erhalten nur die Beiträge der Themen, denen Sie folgen. Die ganze Ausgabe finden Sie auf der Website:',
  'topicChoices.email.readOnline': 'die ganze Ausgabe lesen',
};
