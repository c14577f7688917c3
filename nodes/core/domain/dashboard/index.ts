export { DASHBOARD_CSP, dashboardPage, dashboardResponse } from './page';
export type { DashboardInput, DashboardResponse } from './page';
