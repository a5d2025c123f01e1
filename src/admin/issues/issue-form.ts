import { joinBody } from '../../content/body.js';
import { itemTargetKey, type Issue, type IssueDraft, type ItemDraft, type SectionDraft, type SectionInput } from '../../issues/issues.js';
import { field, formBody } from '../stories/story-form.js';

// The issue form as the browser sends it: title, intro, and sections with their items, named
// `sections.0.heading`, `sections.0.items.1.target`. The row buttons (add, move, remove)
// only rearrange the form; nothing is saved until Save, which writes everything at once.

const SECTION_KEY = /^sections\.(\d{1,2})\.(kind|heading)$/;
const ITEM_KEY = /^sections\.(\d{1,2})\.items\.(\d{1,2})\.(label|target)$/;

export const BLANK_ITEM: ItemDraft = { label: '', target: '' };
export const BLANK_SECTION: SectionDraft = { kind: '', heading: '', items: [BLANK_ITEM, BLANK_ITEM] };

export type IssueOp =
  | { readonly kind: 'save' }
  | { readonly kind: 'preview' }
  | { readonly kind: 'add-section' }
  | { readonly kind: 'add-item'; readonly section: number }
  | { readonly kind: 'move-section'; readonly section: number; readonly by: -1 | 1 }
  | { readonly kind: 'remove-section'; readonly section: number }
  | { readonly kind: 'move-item'; readonly section: number; readonly item: number; readonly by: -1 | 1 }
  | { readonly kind: 'remove-item'; readonly section: number; readonly item: number }
  /** Drag and drop (composer.js): a section to another place, an item to a place in any section. */
  | { readonly kind: 'section-to'; readonly section: number; readonly to: number }
  | { readonly kind: 'item-to'; readonly section: number; readonly item: number; readonly toSection: number; readonly to: number };

export interface IssueForm {
  readonly draft: IssueDraft;
  /** `updated_at` of the issue when the form was opened. */
  readonly version: string;
  readonly op: IssueOp;
}

function parseOp(value: string): IssueOp {
  if (value === 'preview' || value === 'add-section') return { kind: value };
  const addItem = /^add-item:(\d{1,2})$/.exec(value);
  if (addItem) return { kind: 'add-item', section: Number(addItem[1]) };
  const section = /^section-(up|down|remove):(\d{1,2})$/.exec(value);
  if (section) {
    const index = Number(section[2]);
    return section[1] === 'remove' ? { kind: 'remove-section', section: index } : { kind: 'move-section', section: index, by: section[1] === 'up' ? -1 : 1 };
  }
  const item = /^item-(up|down|remove):(\d{1,2}):(\d{1,2})$/.exec(value);
  if (item) {
    const [s, i] = [Number(item[2]), Number(item[3])];
    return item[1] === 'remove' ? { kind: 'remove-item', section: s, item: i } : { kind: 'move-item', section: s, item: i, by: item[1] === 'up' ? -1 : 1 };
  }
  const sectionTo = /^section-to:(\d{1,2}):(\d{1,2})$/.exec(value);
  if (sectionTo) return { kind: 'section-to', section: Number(sectionTo[1]), to: Number(sectionTo[2]) };
  const itemTo = /^item-to:(\d{1,2}):(\d{1,2}):(\d{1,2}):(\d{1,2})$/.exec(value);
  if (itemTo) return { kind: 'item-to', section: Number(itemTo[1]), item: Number(itemTo[2]), toSection: Number(itemTo[3]), to: Number(itemTo[4]) };
  return { kind: 'save' };
}

/** Reads a submitted issue form. Unknown fields are ignored; missing ones are blank. */
export function readIssueForm(raw: unknown): IssueForm {
  const body = formBody.parse(raw ?? {});
  const sections = new Map<number, { kind: string; heading: string; items: Map<number, { label: string; target: string }> }>();
  const sectionAt = (index: number) => {
    let section = sections.get(index);
    if (!section) sections.set(index, (section = { kind: '', heading: '', items: new Map() }));
    return section;
  };
  for (const [key, raw] of Object.entries(body)) {
    const value = (Array.isArray(raw) ? raw[0] : raw) ?? '';
    const s = SECTION_KEY.exec(key);
    if (s) {
      sectionAt(Number(s[1]))[s[2] as 'kind' | 'heading'] = value;
      continue;
    }
    const i = ITEM_KEY.exec(key);
    if (i) {
      const items = sectionAt(Number(i[1])).items;
      const item = items.get(Number(i[2])) ?? { label: '', target: '' };
      item[i[3] as 'label' | 'target'] = value;
      items.set(Number(i[2]), item);
    }
  }
  const ordered = <T,>(map: Map<number, T>): T[] => [...map.entries()].sort(([a], [b]) => a - b).map(([, value]) => value);
  return {
    draft: {
      title: field(body, 'title'),
      intro: field(body, 'intro'),
      sections: ordered(sections).map((section) => ({ kind: section.kind, heading: section.heading, items: ordered(section.items) })),
    },
    version: field(body, 'version'),
    op: parseOp(field(body, 'op')),
  };
}

function swap<T>(list: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < list.length && to >= 0 && to < list.length) [list[index], list[to]] = [list[to]!, list[index]!];
  return list;
}

/** Applies a row button to the draft (nothing is saved). */
export function applyIssueOp(draft: IssueDraft, op: IssueOp): IssueDraft {
  const sections = [...draft.sections];
  const withItems = (index: number, change: (items: ItemDraft[]) => ItemDraft[]): IssueDraft => {
    const section = sections[index];
    if (!section) return draft;
    sections[index] = { ...section, items: change([...section.items]) };
    return { ...draft, sections };
  };
  switch (op.kind) {
    case 'add-section':
      return { ...draft, sections: [...sections, BLANK_SECTION] };
    case 'remove-section':
      sections.splice(op.section, 1);
      return { ...draft, sections };
    case 'move-section':
      return { ...draft, sections: swap(sections, op.section, op.by) };
    case 'add-item':
      return withItems(op.section, (items) => [...items, BLANK_ITEM]);
    case 'remove-item':
      return withItems(op.section, (items) => {
        items.splice(op.item, 1);
        return items;
      });
    case 'move-item':
      return withItems(op.section, (items) => swap(items, op.item, op.by));
    case 'section-to': {
      const [moved] = op.section < sections.length && op.to < sections.length ? sections.splice(op.section, 1) : [];
      if (moved) sections.splice(op.to, 0, moved);
      return { ...draft, sections };
    }
    case 'item-to': {
      const from = sections[op.section];
      const into = sections[op.toSection];
      const item = from?.items[op.item];
      if (!from || !into || !item) return draft;
      const fromItems = from.items.filter((_, index) => index !== op.item);
      sections[op.section] = { ...from, items: fromItems };
      const target = op.toSection === op.section ? fromItems : [...into.items];
      target.splice(Math.min(op.to, target.length), 0, item);
      sections[op.toSection] = { ...sections[op.toSection]!, items: target };
      return { ...draft, sections };
    }
    default:
      return draft;
  }
}

/** The form's values for a stored issue, with a blank item per section and a blank section to fill in. */
export function draftOfIssue(issue: Issue, sections: readonly SectionInput[]): IssueDraft {
  return {
    title: issue.title,
    intro: joinBody(issue.intro),
    sections: [
      ...sections.map((section) => ({
        kind: section.kind,
        heading: section.heading,
        items: [...section.items.map((item) => ({ label: item.label ?? '', target: itemTargetKey(item) })), BLANK_ITEM],
      })),
      BLANK_SECTION,
    ],
  };
}
