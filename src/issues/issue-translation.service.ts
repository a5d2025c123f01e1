import type { Executor } from '../db/database.js';
import type { Language } from '../db/tables/members.js';
import { overlay } from '../translations/overlay.js';
import { loadTranslations } from '../translations/translations.service.js';
import type { Overlaid, TranslationKind } from '../translations/translations.js';
import type { LoadedIssue, LoadedItem } from './issues.js';

// An issue as readers of a language see it: its own texts (title, intro, headings, labels) and
// every story, event, program and report it shows overlaid with their translations, loaded in
// one query. Views then render it as any loaded issue, so the members-only split holds per
// language exactly as it does for the original (viewBody sees only SplitBody parts).

/** What a translated text's page needs besides the texts: which fell back to English, and whether the translation is older. */
export type TranslationNotes = Omit<Overlaid<unknown>, 'value'>;

/** A loaded issue in a language, with the notes of the issue and of each item by `<target>:<id>`. */
export interface TranslatedIssue {
  readonly loaded: LoadedIssue;
  readonly issue: TranslationNotes;
  readonly items: ReadonlyMap<string, TranslationNotes>;
}

/** The key of an item's notes in `TranslatedIssue.items`: `story:12`. */
export function itemKey(item: LoadedItem): string {
  return `${item.target}:${targetOf(item).id}`;
}

function targetOf(item: LoadedItem): { id: number } {
  switch (item.target) {
    case 'story': return item.story;
    case 'event': return item.event;
    case 'program': return item.program;
    case 'report': return item.report;
  }
}

function notesOf<T>({ value: _value, ...notes }: Overlaid<T>): TranslationNotes {
  return notes;
}

/** Overlays an issue and everything it shows with their translations into `language` (English: as it is), in one query. */
export async function translateIssue(db: Executor, loaded: LoadedIssue, language: Language): Promise<TranslatedIssue> {
  const items = loaded.sections.flatMap((section) => section.items);
  const set = await loadTranslations(
    db,
    [{ kind: 'issue' as TranslationKind, id: loaded.issue.id }, ...items.map((item) => ({ kind: item.target, id: targetOf(item).id }))],
    language,
  );
  const notes = new Map<string, TranslationNotes>();
  const translateItem = (item: LoadedItem): LoadedItem => {
    switch (item.target) {
      case 'story': {
        const seen = overlay('story', item.story, language, set.get('story', item.story.id));
        notes.set(itemKey(item), notesOf(seen));
        return { ...item, story: seen.value };
      }
      case 'event': {
        const seen = overlay('event', item.event, language, set.get('event', item.event.id));
        notes.set(itemKey(item), notesOf(seen));
        return { ...item, event: seen.value };
      }
      case 'program': {
        const seen = overlay('program', item.program, language, set.get('program', item.program.id));
        notes.set(itemKey(item), notesOf(seen));
        return { ...item, program: seen.value };
      }
      case 'report': {
        const seen = overlay('report', item.report, language, set.get('report', item.report.id));
        notes.set(itemKey(item), notesOf(seen));
        return { ...item, report: seen.value };
      }
    }
  };
  const own = overlay('issue', loaded, language, set.get('issue', loaded.issue.id));
  return {
    loaded: { ...own.value, sections: own.value.sections.map((section) => ({ ...section, items: section.items.map(translateItem) })) },
    issue: notesOf(own),
    items: notes,
  };
}
