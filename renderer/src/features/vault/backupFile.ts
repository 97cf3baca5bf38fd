/**
 * Moving a backup file between the person's disk and main. Export: main returns the armored
 * age text and the renderer hands it to the browser's download (in Electron the session's
 * download handling asks where to save; under the bridge Playwright receives it). Import: the
 * chosen file's bytes go to main as base64, which decrypts and plans; nothing is parsed here.
 */

/** Offers `text` as a file download named `fileName`. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/octet-stream' }))
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

/** Base64 of arbitrary bytes, in chunks so a large file never overflows the argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  return btoa(binary)
}

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()))
}
