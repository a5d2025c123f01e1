import { describeLayoutWalk } from '../support/layout-walk.js';

// The layout walk over support/page-kinds.ts in English (support/layout-walk.ts says how the shards split it).
describeLayoutWalk('en');
