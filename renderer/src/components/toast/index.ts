export { useToasts } from './toastManager'
export { default as ToastHost } from './ToastHost.vue'
