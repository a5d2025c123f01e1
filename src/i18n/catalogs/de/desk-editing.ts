import type { deskEditing as source } from '../en/desk-editing.js';

export const deskEditing: Record<keyof typeof source, string> = {};
