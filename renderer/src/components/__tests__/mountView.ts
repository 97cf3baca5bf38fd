/** Mounts a screen with Pinia and an in-memory router into the document (teleported dialogs included). */
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { h, type Component, type FunctionalComponent } from 'vue'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'

const Blank: FunctionalComponent = () => h('p', 'elsewhere')
Blank.displayName = 'ElsewhereScreen'

export async function mountView(view: Component, options: { path?: string; extraRoutes?: RouteRecordRaw[] } = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Blank },
      { path: '/setup', name: 'setup', component: view },
      { path: '/sign-in', name: 'sign-in', component: view },
      ...(options.extraRoutes ?? []),
    ],
  })
  await router.push(options.path ?? '/setup')
  await router.isReady()
  const wrapper = mount(view, { attachTo: document.body, global: { plugins: [pinia, router] } })
  await flushPromises()
  return { wrapper, router, pinia }
}
