import { consent } from './consent.js';
import { desk } from './desk.js';
import { deskEngagement } from './desk-engagement.js';
import { engagementOpens } from './engagement-opens.js';
import { engagement } from './engagement.js';
import { deskDeliveryAlarms } from './desk-delivery-alarms.js';
import { deskWriting } from './desk-writing.js';
import { deskDeliveryHealth } from './desk-delivery-health.js';
import { deskAudiences } from './desk-audiences.js';
import { deskConsent } from './desk-consent.js';
import { deskEditing } from './desk-editing.js';
import { deskPrivacy } from './desk-privacy.js';
import { browse } from './browse.js';
import { innovators } from './innovators.js';
import { deskOrganizations } from './desk-organizations.js';
import { deskSending } from './desk-sending.js';
import { topicChoices } from './topic-choices.js';
import { deskCuration } from './desk-curation.js';
import { deskMedia } from './desk-media.js';
import { deskComposer } from './desk-composer.js';
import { deskSettings } from './desk-settings.js';
import { retention } from './retention.js';
import { search } from './search.js';
import { services } from './services.js';
import { survey } from './survey.js';
import { deskTranslating } from './desk-translating.js';
import { email } from './email.js';
import { forms } from './forms.js';
import { privacy } from './privacy.js';
import { privateFeed } from './private-feed.js';
import { introductions } from './introductions.js';
import { deskIntroductions } from './desk-introductions.js';
import { innovationPlatform } from './innovation-platform.js';
import { reading } from './reading.js';
import { site } from './site.js';
import { siteLegal } from './site-legal.js';

// The en catalog: every area's messages in one object.
export const en = { ...site, ...reading, ...forms, ...email, ...desk, ...deskEditing, ...deskSending, ...deskTranslating, ...consent, ...deskConsent, ...siteLegal, ...deskSettings, ...deskPrivacy, ...privacy, ...retention, ...browse, ...search, ...privateFeed, ...innovators, ...deskOrganizations, ...services, ...survey, ...introductions, ...deskIntroductions, ...innovationPlatform, ...deskMedia, ...deskCuration, ...deskDeliveryHealth, ...deskComposer, ...deskAudiences, ...deskWriting, ...deskDeliveryAlarms, ...engagement, ...deskEngagement, ...topicChoices, ...engagementOpens } as const;

/** Every message key (the English catalog is the source). */
export type MessageKey = keyof typeof en;
