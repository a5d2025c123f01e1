import type { consent as source } from '../en/consent.js';

export const consent: Record<keyof typeof source, string> = {
  'consent.wording.newsletter': 'Ja, senden Sie {site} an meine E-Mail-Adresse: den Newsletter mit Neuigkeiten zu Innovationen, Veranstaltungen und Programmen, etwa viermal im Jahr. Ich kann diese Einwilligung jederzeit über den Link in jeder E-Mail oder auf meiner Kontoseite widerrufen.',
  'consent.wording.eventRegistration': 'Ich melde mich zu dieser Veranstaltung an. {site} verwendet meinen Namen, meine E-Mail-Adresse, mein Unternehmen und meine Antworten, um sie durchzuführen und mir dazu zu schreiben. Ich kann meine Anmeldung jederzeit stornieren.',
  'consent.wording.programRegistration': 'Ich melde mich zu diesem Programm an. {site} verwendet meinen Namen, meine E-Mail-Adresse, mein Unternehmen und meine Antworten, um es durchzuführen und mich den Teilnehmenden vorzustellen. Ich kann meine Anmeldung jederzeit zurückziehen.',
  'consent.prompt.title': 'Dürfen wir Ihnen den Newsletter senden?',
  'consent.prompt.text': 'Uns liegt keine Einwilligung von Ihnen vor, {site} per E-Mail zu erhalten. Wir senden ihn nur an Personen, die eingewilligt haben. Ein Klick hält Ihre Einwilligung fest; Sie können sie jederzeit widerrufen.',
  'consent.prompt.button': 'Ja, senden Sie mir den Newsletter',
  'consent.prompt.done': 'Vielen Dank: Ihre Einwilligung ist festgehalten, der Newsletter erreicht Sie künftig.',
  'consent.box.legend': 'Newsletter (freiwillig)',
};
