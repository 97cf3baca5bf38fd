/** Mounts a screen or a component with Pinia into the document (teleported dialogs included). */
import { flushPromises, mount, type ComponentMountingOptions } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { h, type Component, type FunctionalComponent } from 'vue'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'

const Blank: FunctionalComponent = () => h('p', 'elsewhere')
Blank.displayName = 'ElsewhereScreen'

export async function mountView(
  view: Component,
  options: { path?: string; extraRoutes?: RouteRecordRaw[]; props?: Record<string, unknown> } = {},
) {
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
  const wrapper = mount(view, { attachTo: document.body, props: options.props ?? {}, global: { plugins: [pinia, router] } })
  await flushPromises()
  return { wrapper, router, pinia }
}

/** Mounts a component (e.g. a dialog) with a fresh Pinia into the document; router links are stubbed. */
export function mountInDocument<C extends Component>(component: C, options: ComponentMountingOptions<C> = {} as never) {
  const pinia = createPinia()
  setActivePinia(pinia)
  return mount(component, {
    attachTo: document.body,
    ...options,
    global: { plugins: [pinia], stubs: { RouterLink: true }, ...(options.global ?? {}) },
  } as never)
}
