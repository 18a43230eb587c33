/**
 * The page-cache tags of mobilisation's public pages (core/http/page-cache.ts): writes bump only what public
 * pages show.
 * - `engagement`: calls to engage, their progress, pledges, organisations' pages of promises, territory dashboards;
 * - `funds`: funds, their totals and transparency pages, calls for projects and their published decisions.
 */
export const ENGAGEMENT_TAG = 'mobilisation-engagement'
export const FUNDS_TAG = 'mobilisation-funds'
