/**
 * Where the person may be, decided from main's `app.status`: no workspace → first-run setup;
 * workspace but no session → sign-in (or a public feature route such as enrollment); signed in →
 * the shell. Hash history because the renderer is served from a custom protocol, not a web server.
 */
import { createRouter, createWebHashHistory, type RouteRecordRaw, type Router } from 'vue-router'
import type { SessionPermissions } from '@shared/ipc/contract'
import { featureRoutes, navItems } from '../features/routes'
import { useSessionStore } from '../stores/session'
import SetupView from '../views/SetupView.vue'
import ShellLayout from '../views/ShellLayout.vue'
import SignInView from '../views/SignInView.vue'
import StartupProblemView from '../views/StartupProblemView.vue'

export type RouteArea = 'setup' | 'sign-in' | 'public' | 'app' | 'problem'

declare module 'vue-router' {
  interface RouteMeta {
    /** Which state of the app the route belongs to; set by this module. */
    area?: RouteArea
    /** Set by a feature route that must work without a session (e.g. enrollment). */
    public?: boolean
    /** Window title of the screen. */
    title?: string
    /** The permission (from main) the screen needs; without it the router goes home. */
    requires?: keyof SessionPermissions
    /** The navigation entry (route name) a nested screen belongs to. */
    section?: string
  }
}

export const APP_NAME = 'Cluster Credentials'

function asTopLevel(route: RouteRecordRaw): RouteRecordRaw {
  const path = route.path.startsWith('/') ? route.path : `/${route.path}`
  return { ...route, path, meta: { ...route.meta, area: 'public' } } as RouteRecordRaw
}

/** Home is the first navigation entry (Projects), which every signed-in person sees. */
function shellChildren(): RouteRecordRaw[] {
  const children = featureRoutes.filter((route) => !route.meta?.public)
  return [...children, { path: '', name: 'home', redirect: navItems[0]!.to }]
}

export function buildRoutes(): RouteRecordRaw[] {
  return [
    { path: '/setup', name: 'setup', component: SetupView, meta: { area: 'setup', title: 'Create workspace' } },
    { path: '/sign-in', name: 'sign-in', component: SignInView, meta: { area: 'sign-in', title: 'Sign in' } },
    {
      path: '/problem',
      name: 'startup-problem',
      component: StartupProblemView,
      meta: { area: 'problem', title: 'Cannot open the workspace' },
    },
    ...featureRoutes.filter((route) => route.meta?.public).map(asTopLevel),
    { path: '/', component: ShellLayout, meta: { area: 'app' }, children: shellChildren() },
    { path: '/:unknown(.*)*', redirect: '/' },
  ]
}

export function createAppRouter(): Router {
  const router = createRouter({ history: createWebHashHistory(), routes: buildRoutes() })

  router.beforeEach(async (to) => {
    const session = useSessionStore()
    if (!session.loaded) await session.refresh()
    const area = to.meta.area ?? 'app'

    if (session.startupProblem) return area === 'problem' ? true : { name: 'startup-problem', replace: true }
    if (!session.hasWorkspace) return area === 'setup' ? true : { name: 'setup', replace: true }
    if (!session.isSignedIn) {
      return area === 'sign-in' || area === 'public' ? true : { name: 'sign-in', replace: true }
    }
    if (area !== 'app') return { name: 'home', replace: true }
    // Permissions come from main with the session; nothing is inferred from roles here.
    const required = to.meta.requires
    return required === undefined || session.permissions[required] ? true : { name: 'home', replace: true }
  })

  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · ${APP_NAME}` : APP_NAME
  })

  return router
}
