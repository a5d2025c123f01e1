import type { AdminRoute } from './admin-route.js';
import { accountRoutes } from './account.routes.js';
import { activityRoutes } from './activity.routes.js';
import { audienceRoutes } from './audiences/segments.routes.js';
import { authRoutes } from './auth.routes.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { deliveryRoutes } from './delivery/delivery.routes.js';
import { impactRoutes } from './engagement/impact.routes.js';
import { eventRoutes } from './events/events.routes.js';
import { registrationRoutes } from './events/registrations.routes.js';
import { inquiryRoutes } from './inquiries/inquiries.routes.js';
import { introductionRoutes } from './introductions/introductions.routes.js';
import { issueRoutes } from './issues/issues.routes.js';
import { outboxRoutes } from './outbox.routes.js';
import { organizationRoutes } from './organizations/organizations.routes.js';
import { peopleRoutes } from './people/people.routes.js';
import { consentRoutes } from './consent/consent.routes.js';
import { curationRoutes } from './curation/inbox.routes.js';
import { privacyRoutes } from './privacy/privacy.routes.js';
import { mediaRoutes } from './media/media.routes.js';
import { matchingRoutes } from './programs/matching.routes.js';
import { programRoutes } from './programs/programs.routes.js';
import { reportRoutes } from './reports/reports.routes.js';
import { settingsRoutes } from './settings.routes.js';
import { staffRoutes } from './staff.routes.js';
import { storyRoutes } from './stories/stories.routes.js';
import { translationRoutes } from './translations/translations.routes.js';

/**
 * Every route of the desk with the permission it needs (see `auth/permissions.ts`). The guard in
 * `register-admin.ts` enforces it, and a test walks this table to prove each route refuses
 * anonymous visitors, members and roles without the permission.
 */
export const ADMIN_ROUTES: readonly AdminRoute[] = [
  ...authRoutes,
  ...dashboardRoutes,
  ...accountRoutes,
  ...storyRoutes,
  ...mediaRoutes,
  ...curationRoutes,
  ...issueRoutes,
  ...eventRoutes,
  ...registrationRoutes,
  ...programRoutes,
  ...matchingRoutes,
  ...reportRoutes,
  ...organizationRoutes,
  ...translationRoutes,
  ...peopleRoutes,
  ...consentRoutes,
  ...privacyRoutes,
  ...audienceRoutes,
  ...deliveryRoutes,
  ...impactRoutes,
  ...inquiryRoutes,
  ...introductionRoutes,
  ...outboxRoutes,
  ...activityRoutes,
  ...staffRoutes,
  ...settingsRoutes,
];
