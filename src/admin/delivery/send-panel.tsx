import type { Issue } from '../../issues/issues.js';
import type { StaffContext } from '../admin-route.js';

/** The issue page's sending panel (issue 4): test send, send, schedule, progress, reports. */
export function SendPanel(_props: { ctx: StaffContext; issue: Issue }) {
  return null;
}
