/**
 * The feature screens of cluster credentials, registered by the app router:
 * - `featureRoutes`: children of the signed-in shell, plus the public enrollment screen
 *   marked `meta.public` (the router lifts those to top level, reachable signed out).
 * - `publicRoutes`: just the public ones, for a router that registers them separately.
 * - `navItems`: the shell's navigation; `visible` (optional) hides an entry the signed-in
 *   person has no use for. Hiding is UX only: main refuses what a role may not do.
 */
import type { RouteLocationRaw, RouteRecordRaw } from 'vue-router'
import type { SessionInfo } from '@shared/ipc/contract'

export interface NavItem {
  label: string
  to: RouteLocationRaw
  visible?: (session: SessionInfo) => boolean
}

export const publicRoutes: RouteRecordRaw[] = [
  {
    path: '/enroll',
    name: 'enroll',
    component: () => import('./enrollment/EnrollPage.vue'),
    meta: { public: true, title: 'Enroll with a code' },
  },
]

export const featureRoutes: RouteRecordRaw[] = [
  { path: 'projects', name: 'projects', component: () => import('./projects/ProjectsPage.vue'), meta: { title: 'Projects' } },
  {
    path: 'projects/:projectId',
    name: 'project-clusters',
    component: () => import('./clusters/ClustersPage.vue'),
    props: true,
    meta: { title: 'Clusters' },
  },
  {
    path: 'clusters/:clusterId',
    name: 'cluster',
    component: () => import('./clusters/ClusterDetailsPage.vue'),
    props: true,
    meta: { title: 'Cluster details' },
  },
  { path: 'members', name: 'members', component: () => import('./members/MembersPage.vue'), meta: { title: 'Members' } },
  { path: 'audit', name: 'audit', component: () => import('./audit/AuditPage.vue'), meta: { title: 'Audit log' } },
  ...publicRoutes,
]

const isOrgOwner = (session: SessionInfo) => session.orgRole === 'owner'
const managesMembers = (session: SessionInfo) => isOrgOwner(session) || session.projectRoles.some((r) => r.role === 'owner')

export const navItems: NavItem[] = [
  { label: 'Projects', to: { name: 'projects' } },
  { label: 'Members', to: { name: 'members' }, visible: managesMembers },
  { label: 'Audit log', to: { name: 'audit' }, visible: isOrgOwner },
]
