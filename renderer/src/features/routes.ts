/**
 * The feature screens of cluster credentials, registered by the app router:
 * - `featureRoutes`: children of the signed-in shell, plus the public enrollment screen
 *   marked `meta.public` (the router lifts those to top level, reachable signed out).
 *   `meta.requires` names the permission (from main, in the session) a screen needs: the
 *   router sends anyone without it home, and the shell hides its navigation entry. That is
 *   UX only: main refuses what a role may not do. `meta.section` names the navigation
 *   entry a nested screen belongs to (a project's clusters are under Projects).
 * - `navItems`: the shell's navigation, by route name.
 * Screens are imported eagerly: a desktop app loads from disk, and one bundle cannot be
 * half-replaced by a rebuild while a window is open.
 */
import type { RouteRecordRaw } from 'vue-router'
import type { IconName } from '../components/AppIcon.vue'
import EnrollPage from './enrollment/EnrollPage.vue'
import ProjectsPage from './projects/ProjectsPage.vue'
import ClustersPage from './clusters/ClustersPage.vue'
import ClusterDetailsPage from './clusters/ClusterDetailsPage.vue'
import MembersPage from './members/MembersPage.vue'
import AuditPage from './audit/AuditPage.vue'
import HandoffPage from './handoff/HandoffPage.vue'
import VaultPage from './vault/VaultPage.vue'
import VaultEntryPage from './vault/VaultEntryPage.vue'
import SettingsPage from './settings/SettingsPage.vue'

export interface NavItem {
  label: string
  /** Drawn beside the label, and alone when the sidebar collapses: a name AppIcon knows (checked by the compiler). */
  icon: IconName
  /** The route the entry opens; its `meta.requires` decides whether the entry shows. */
  to: { name: string }
}

export const featureRoutes: RouteRecordRaw[] = [
  { path: 'projects', name: 'projects', component: ProjectsPage, meta: { title: 'Projects' } },
  {
    path: 'projects/:projectId',
    name: 'project-clusters',
    component: ClustersPage,
    props: true,
    meta: { title: 'Clusters', section: 'projects' },
  },
  {
    path: 'clusters/:clusterId',
    name: 'cluster',
    component: ClusterDetailsPage,
    props: true,
    meta: { title: 'Cluster details', section: 'projects' },
  },
  { path: 'members', name: 'members', component: MembersPage, meta: { title: 'Members', requires: 'manageMembers' } },
  { path: 'audit', name: 'audit', component: AuditPage, meta: { title: 'Audit log', requires: 'viewAudit' } },
  {
    path: '/enroll',
    name: 'enroll',
    component: EnrollPage,
    meta: { public: true, title: 'Enroll with a code' },
  },
  { path: 'handoff', name: 'handoff', component: HandoffPage, meta: { title: 'Handoff' } },
  { path: 'vault', name: 'vault', component: VaultPage, meta: { title: 'Vault' } },
  {
    path: 'vault/:entryId',
    name: 'vault-entry',
    component: VaultEntryPage,
    props: true,
    meta: { title: 'Vault entry', section: 'vault' },
  },
  { path: 'settings', name: 'settings', component: SettingsPage, meta: { title: 'Settings' } },
]

/** The first entry is home: every signed-in person may see it. */
export const navItems: NavItem[] = [
  { label: 'Projects', icon: 'projects', to: { name: 'projects' } },
  { label: 'Handoff', icon: 'handoff', to: { name: 'handoff' } },
  { label: 'Vault', icon: 'vault', to: { name: 'vault' } },
  { label: 'Members', icon: 'members', to: { name: 'members' } },
  { label: 'Audit log', icon: 'audit', to: { name: 'audit' } },
  { label: 'Settings', icon: 'settings', to: { name: 'settings' } },
]
