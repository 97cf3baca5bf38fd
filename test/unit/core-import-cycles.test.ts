/**
 * The core is wired one way: core.ts (the composition root) imports the services, and
 * services import what they are built from (coreDeps.ts), never core.ts. An import cycle,
 * even a type-only one, means that arrow was broken; this walks the real import graph of
 * electron/ and shared/ with TypeScript's own import scanner and names any cycle it finds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const SHARED_ALIAS = '@shared/'

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'))
    .map((name) => join(ROOT, folder, name))
}

function resolveImport(fromFile: string, specifier: string): string | null {
  let base: string
  if (specifier.startsWith(SHARED_ALIAS)) base = join(ROOT, 'shared', specifier.slice(SHARED_ALIAS.length))
  else if (specifier.startsWith('.')) base = resolve(dirname(fromFile), specifier)
  else return null // a package: not part of our graph
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate
  }
  return null
}

function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = importedFiles.map((entry) => resolveImport(file, entry.fileName)).filter((target) => target !== null)
    graph.set(file, targets)
  }
  return graph
}

/** Every cycle reachable in the graph, each as the list of files around it (depth-first search). */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (node: string) => {
    state.set(node, 'visiting')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      const seen = state.get(next)
      if (seen === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next])
      else if (seen === undefined) visit(next)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of graph.keys()) if (!state.has(node)) visit(node)
  return cycles
}

describe('import cycles', () => {
  it('finds a cycle when there is one (the checker itself works)', () => {
    const graph = new Map([
      ['core.ts', ['service.ts']],
      ['service.ts', ['deps.ts', 'core.ts']],
      ['deps.ts', []],
    ])
    expect(findCycles(graph)).toEqual([['core.ts', 'service.ts', 'core.ts']])
  })

  it('electron/ and shared/ have none (services never import core.ts)', () => {
    const graph = importGraph([...sourceFiles('electron'), ...sourceFiles('shared')])
    expect(graph.size).toBeGreaterThan(40)
    const named = findCycles(graph).map((cycle) => cycle.map((file) => relative(ROOT, file)).join(' -> '))
    expect(named).toEqual([])
  })
})
