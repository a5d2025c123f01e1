import type { Issue } from '../../issues/issues.js';
import type { StaffContext } from '../admin-route.js';

/** The issue page's "fill the upcoming and past events from this quarter" form (issue 5). */
export function FillEventsPanel(_props: { ctx: StaffContext; issue: Issue }) {
  return null;
}
