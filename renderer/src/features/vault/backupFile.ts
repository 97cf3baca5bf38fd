/**
 * Moving a backup file between the person's disk and main. Export: main returns the armored
 * age text and the renderer saves it (features/common/download.ts). Import: the chosen
 * file's bytes go to main as base64, which decrypts and plans; nothing is parsed here.
 */

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
