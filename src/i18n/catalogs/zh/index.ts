import type { MessageKey } from '../en/index.js';
import { desk } from './desk.js';
import { deskEditing } from './desk-editing.js';
import { deskPrivacy } from './desk-privacy.js';
import { deskSending } from './desk-sending.js';
import { privacy } from './privacy.js';
import { email } from './email.js';
import { forms } from './forms.js';
import { reading } from './reading.js';
import { site } from './site.js';

// The zh catalog: every area's messages in one object.
export const zh: Readonly<Record<MessageKey, string>> = { ...site, ...reading, ...forms, ...email, ...desk, ...deskEditing, ...deskSending, ...deskPrivacy, ...privacy };
