/**
 * A camera for the bridge's Chromium: a one-frame YUV4MPEG2 (4:2:0) video showing a PNG,
 * which Chromium loops as its camera with
 * `--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file.y4m>`.
 */
import { PNG } from 'pngjs'

const FRAME = { width: 640, height: 480 }

/** The PNG (e.g. the app's own QR code) centred on white, as a Y4M file. Grey only: chroma stays neutral. */
export function y4mShowingPng(png: Buffer): Buffer {
  const image = PNG.sync.read(png)
  // Even sides (4:2:0 halves both), large enough for the picture.
  const width = Math.max(FRAME.width, image.width + (image.width % 2))
  const height = Math.max(FRAME.height, image.height + (image.height % 2))
  const luma = Buffer.alloc(width * height, 235)
  const left = Math.floor((width - image.width) / 2)
  const top = Math.floor((height - image.height) / 2)
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const at = (y * image.width + x) * 4
      const grey = 0.299 * image.data[at]! + 0.587 * image.data[at + 1]! + 0.114 * image.data[at + 2]!
      // Studio-swing luma (16–235), what a 4:2:0 camera frame carries.
      luma[(top + y) * width + left + x] = Math.round(16 + (grey * 219) / 255)
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128)
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii')
  return Buffer.concat([header, luma, chroma])
}
