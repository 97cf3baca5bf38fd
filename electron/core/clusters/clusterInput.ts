/** Validation of cluster fields with the shared policy; every failure names the field it is about. */
import { AppError } from '@shared/errors'
import { checkClusterName, checkEndpoint, normalizeClusterName, normalizeEndpoint } from '@shared/policy/cluster'

export function requireClusterName(value: string): string {
  const problem = checkClusterName(value)
  if (problem) throw new AppError('INVALID_INPUT', problem, { field: 'name' })
  return normalizeClusterName(value)
}

export function requireEndpoint(value: string): string {
  const problem = checkEndpoint(value)
  if (problem) throw new AppError('INVALID_INPUT', problem, { field: 'endpoint' })
  return normalizeEndpoint(value)
}
