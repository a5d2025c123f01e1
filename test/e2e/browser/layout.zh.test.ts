import { describeLayoutWalk } from '../support/layout-walk.js';

// The layout walk over support/page-kinds.ts in Chinese (support/layout-walk.ts says how the shards split it).
describeLayoutWalk('zh');
