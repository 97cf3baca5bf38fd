/**
 * The feature screens of cluster credentials, registered by the app router:
 * - `featureRoutes`: children of the signed-in shell, plus the public enrollment screen
 *   marked `meta.public` (the router lifts those to top level, reachable signed out).
 * - `publicRoutes`: just the public ones, for a router that registers them separately.
 * - `navItems`: the shell's navigation; `visible` (optional) hides an entry the signed-in
 *   person has no use for. Hiding is UX only: main refuses what a role may not do.
 * Screens are imported eagerly: a desktop app loads from disk, and one bundle cannot be
 * half-replaced by a rebuild while a window is open.
 */
import type { RouteLocationRaw, RouteRecordRaw } from 'vue-router'
import type { SessionInfo } from '@shared/ipc/contract'
import EnrollPage from './enrollment/EnrollPage.vue'
import ProjectsPage from './projects/ProjectsPage.vue'
import ClustersPage from './clusters/ClustersPage.vue'
import ClusterDetailsPage from './clusters/ClusterDetailsPage.vue'
import MembersPage from './members/MembersPage.vue'
import AuditPage from './audit/AuditPage.vue'
import VaultPage from './vault/VaultPage.vue'
import VaultEntryPage from './vault/VaultEntryPage.vue'
import SettingsPage from './settings/SettingsPage.vue'

export interface NavItem {
  label: string
  to: RouteLocationRaw
  /** An AppIcon name; without it the route name is used. */
  icon?: string
  visible?: (session: SessionInfo) => boolean
}

export const publicRoutes: RouteRecordRaw[] = [
  {
    path: '/enroll',
    name: 'enroll',
    component: EnrollPage,
    meta: { public: true, title: 'Enroll with a code' },
  },
]

export const featureRoutes: RouteRecordRaw[] = [
  { path: 'projects', name: 'projects', component: ProjectsPage, meta: { title: 'Projects' } },
  {
    path: 'projects/:projectId',
    name: 'project-clusters',
    component: ClustersPage,
    props: true,
    meta: { title: 'Clusters' },
  },
  {
    path: 'clusters/:clusterId',
    name: 'cluster',
    component: ClusterDetailsPage,
    props: true,
    meta: { title: 'Cluster details' },
  },
  { path: 'members', name: 'members', component: MembersPage, meta: { title: 'Members' } },
  { path: 'audit', name: 'audit', component: AuditPage, meta: { title: 'Audit log' } },
  { path: 'vault', name: 'vault', component: VaultPage, meta: { title: 'Vault' } },
  {
    path: 'vault/:entryId',
    name: 'vault-entry',
    component: VaultEntryPage,
    props: true,
    meta: { title: 'Vault entry' },
  },
  { path: 'settings', name: 'settings', component: SettingsPage, meta: { title: 'Settings' } },
  ...publicRoutes,
]

const isOrgOwner = (session: SessionInfo) => session.orgRole === 'owner'
const managesMembers = (session: SessionInfo) => isOrgOwner(session) || session.projectRoles.some((r) => r.role === 'owner')

export const navItems: NavItem[] = [
  { label: 'Projects', to: { name: 'projects' } },
  { label: 'Members', to: { name: 'members' }, visible: managesMembers },
  { label: 'Audit log', to: { name: 'audit' }, visible: isOrgOwner },
  { label: 'Vault', to: { name: 'vault' }, icon: 'vault' },
  { label: 'Settings', to: { name: 'settings' }, icon: 'settings' },
]
