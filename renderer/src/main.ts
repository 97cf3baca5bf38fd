import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { onUnauthenticated } from './api'
import { announceEndedSession } from './sessionEnd'
import { useSessionStore } from './stores/session'
import { createAppRouter } from './router'
import './styles/tokens.css'
import './styles/base.css'

const app = createApp(App)
const pinia = createPinia()
const router = createAppRouter()
app.use(pinia)
app.use(router)

// Main ended the session (e.g. it restarted): the renderer restarts at sign-in with nothing kept.
onUnauthenticated(() => {
  const session = useSessionStore(pinia)
  if (session.isSignedIn) session.sessionEnded()
})

app.mount('#app')
void announceEndedSession(router)
