export { useToasts, type Toasts, type ToastTone } from './toastManager'
export { default as ToastHost } from './ToastHost.vue'
