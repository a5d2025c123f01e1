import type { forms as source } from '../en/forms.js';

export const forms: Record<keyof typeof source, string> = {};
