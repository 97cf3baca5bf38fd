import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { onUnauthenticated } from './api'
import { useToasts } from './components/toast'
import { useSessionStore } from './stores/session'
import { createAppRouter } from './router'
import './styles/tokens.css'
import './styles/base.css'

const app = createApp(App)
const pinia = createPinia()
const router = createAppRouter()
app.use(pinia)
app.use(router)

// Main ended the session (e.g. it restarted): drop the stale signed-in state and go to sign-in.
onUnauthenticated(() => {
  const session = useSessionStore(pinia)
  if (!session.isSignedIn) return
  session.sessionEnded()
  useToasts().info('Signed out', 'Your session ended. Sign in again to continue.')
  void router.replace({ name: 'sign-in' })
})

app.mount('#app')
