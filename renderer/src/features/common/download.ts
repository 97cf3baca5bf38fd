/**
 * Saving text the app made (vault backups, handoff files, contact cards, the audit CSV) to a
 * file the person chooses: a `blob:` download from the page. In Electron, main's
 * `will-download` handler (electron/main/downloads.ts) lets only these through, shows the
 * OS save dialog and makes the file owner-only; under the bridge Playwright receives them.
 */
export function saveTextFile(text: string, fileName: string, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  try {
    link.click()
  } finally {
    link.remove()
    // The download has taken its copy of the blob by the time the click handler returns.
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
}
