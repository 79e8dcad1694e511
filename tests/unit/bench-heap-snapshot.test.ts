import { describe, expect, it } from 'vitest';
import {
  codeByScript,
  heapByConstructor,
  type HeapSnapshot,
} from '../../scripts/bench/heap-snapshot';

const KIB = 1024 / 2 ** 20;
const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure'];
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden'];

interface TestNode {
  type: string;
  name: string;
  kib: number;
  edges?: [type: string, name: string, to: number][];
}

/** A heap snapshot in V8's layout (flat number arrays, names by string index) from a node list. */
function snapshotOf(list: TestNode[]): HeapSnapshot {
  const strings: string[] = [];
  const stringIndex = (text: string) => {
    const found = strings.indexOf(text);
    return found >= 0 ? found : strings.push(text) - 1;
  };
  const nodes: number[] = [];
  const edges: number[] = [];
  list.forEach((node, id) => {
    const own = node.edges ?? [];
    nodes.push(
      NODE_TYPES.indexOf(node.type),
      stringIndex(node.name),
      id,
      node.kib * 1024,
      own.length,
    );
    for (const [type, name, to] of own)
      edges.push(EDGE_TYPES.indexOf(type), stringIndex(name), to * 5);
  });
  return {
    snapshot: {
      meta: {
        node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
        node_types: [NODE_TYPES],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [EDGE_TYPES],
      },
    },
    nodes,
    edges,
    strings,
  };
}

// A function of app-1.js with its bytecode and machine code, a closure of it, an object,
// and a piece of code no function claims.
const heap = snapshotOf([
  {
    type: 'object',
    name: '(GC roots)',
    kib: 0,
    edges: [
      ['property', 'f', 7],
      ['internal', 'stub', 8],
      ['property', 'o', 9],
    ],
  },
  {
    type: 'code',
    name: 'system / Script',
    kib: 1,
    edges: [['internal', 'name', 2]],
  },
  { type: 'string', name: 'https://augenhoehe.test/assets/app-1.js', kib: 3 },
  {
    type: 'code',
    name: 'system / SharedFunctionInfo',
    kib: 2,
    edges: [
      ['internal', 'script', 1],
      ['internal', 'function_data', 4],
      ['internal', 'baseline_code', 5],
    ],
  },
  { type: 'code', name: 'system / BytecodeArray', kib: 16 },
  {
    type: 'code',
    name: 'system / Code',
    kib: 4,
    edges: [['internal', 'instruction_stream', 6]],
  },
  { type: 'code', name: 'system / InstructionStream', kib: 64 },
  {
    type: 'closure',
    name: 'f',
    kib: 8,
    edges: [
      ['internal', 'shared', 3],
      ['internal', 'code', 5],
    ],
  },
  { type: 'code', name: 'system / InstructionStream', kib: 32 },
  { type: 'object', name: 'Consultation', kib: 128 },
]);

describe('heap snapshot report', () => {
  it('sums objects by constructor and the rest by kind', () => {
    const sizes = new Map(heapByConstructor(heap));
    expect(sizes.get('Consultation')).toBeCloseTo(128 * KIB);
    expect(sizes.get('(code)')).toBeCloseTo((1 + 2 + 16 + 4 + 64 + 32) * KIB);
    expect(sizes.get('(closure)')).toBeCloseTo(8 * KIB);
    expect(heapByConstructor(heap)[0]?.[0]).toBe('Consultation');
  });

  it("counts a function's bytecode and machine code for its script, by the file's name", () => {
    expect(codeByScript(heap)).toEqual([
      ['app-1.js', expect.closeTo((1 + 2 + 16 + 4 + 64) * KIB, 9)],
      ["(V8's own)", expect.closeTo(32 * KIB, 9)],
    ]);
  });
});
