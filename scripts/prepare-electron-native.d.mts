export function electronNativeDirName(electronVersion: string, abi: string): string
export function main(projectRoot?: string): number
