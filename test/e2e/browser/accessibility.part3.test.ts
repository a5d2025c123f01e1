import { describeAccessibilityWalk } from '../support/accessibility-walk.js';

// Part 3 of the axe walk over support/page-kinds.ts (support/accessibility-walk.ts says how the parts split it).
describeAccessibilityWalk(3, 3);
