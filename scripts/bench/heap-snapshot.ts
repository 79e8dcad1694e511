/**
 * Reading a V8 heap snapshot (the JSON `HeapProfiler.takeHeapSnapshot` streams) for
 * `npm run bench:memory`: what holds the JS heap, by constructor, and whose compiled code
 * it is, by script.
 */

export interface HeapSnapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

const MIB = 2 ** 20;
/** How many retainers up a code object may sit from the function that names its script. */
const CODE_OWNER_DEPTH = 4;
/** Retainers looked at per level: code sits under few; a wide level is the heap's roots. */
const CODE_OWNER_BREADTH = 256;

function fieldsOf(heap: HeapSnapshot) {
  const { node_fields: nodeFields, edge_fields: edgeFields } = heap.snapshot.meta;
  const at = (fields: string[], name: string) => {
    const index = fields.indexOf(name);
    if (index < 0) throw new Error(`heap snapshot without the field ${name}`);
    return index;
  };
  return {
    nodeWidth: nodeFields.length,
    edgeWidth: edgeFields.length,
    type: at(nodeFields, 'type'),
    name: at(nodeFields, 'name'),
    size: at(nodeFields, 'self_size'),
    edgeCount: at(nodeFields, 'edge_count'),
    edgeType: at(edgeFields, 'type'),
    edgeName: at(edgeFields, 'name_or_index'),
    edgeTo: at(edgeFields, 'to_node'),
  };
}

/** Self sizes in MiB by constructor (objects) or by kind (strings, code, arrays), largest first. */
export function heapByConstructor(heap: HeapSnapshot): [string, number][] {
  const f = fieldsOf(heap);
  const types = heap.snapshot.meta.node_types[0];
  const sizes = new Map<string, number>();
  for (let i = 0; i < heap.nodes.length; i += f.nodeWidth) {
    const type = types[heap.nodes[i + f.type]!] ?? '?';
    const key =
      type === 'object' || type === 'native' ? heap.strings[heap.nodes[i + f.name]!]! : `(${type})`;
    sizes.set(key, (sizes.get(key) ?? 0) + heap.nodes[i + f.size]! / MIB);
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

/**
 * The heap's compiled code (bytecode, machine code and what V8 keeps beside them) in MiB by
 * the script it was compiled from, largest first; code no function claims is "(V8's own)".
 * A function's SharedFunctionInfo points at its script; its bytecode and its machine code
 * hang one to three objects below it (Code, then InstructionStream), so each code object
 * counts for the nearest retainer that names a script.
 */
export function codeByScript(heap: HeapSnapshot): [string, number][] {
  const f = fieldsOf(heap);
  const { nodes, edges, strings } = heap;
  const nodeTypes = heap.snapshot.meta.node_types[0];
  const edgeTypes = heap.snapshot.meta.edge_types[0];
  const count = nodes.length / f.nodeWidth;
  const firstEdge = new Uint32Array(count + 1);
  for (let node = 0, edge = 0; node < count; node++) {
    firstEdge[node] = edge;
    edge += nodes[node * f.nodeWidth + f.edgeCount]! * f.edgeWidth;
  }
  firstEdge[count] = edges.length;
  // Element and hidden edges carry an index, not a name.
  const edgeName = (edge: number) => {
    const type = edgeTypes[edges[edge + f.edgeType]!];
    return type === 'element' || type === 'hidden' ? undefined : strings[edges[edge + f.edgeName]!];
  };
  const target = (edge: number) => edges[edge + f.edgeTo]! / f.nodeWidth;

  const scriptOf = new Int32Array(count).fill(-1);
  const retainerCount = new Uint32Array(count + 1);
  for (let node = 0; node < count; node++) {
    for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge += f.edgeWidth) {
      retainerCount[target(edge)]!++;
      if (edgeName(edge) === 'script') scriptOf[node] = target(edge);
    }
  }
  const firstRetainer = new Uint32Array(count + 1);
  for (let node = 0, sum = 0; node <= count; node++) {
    firstRetainer[node] = sum;
    sum += retainerCount[node] ?? 0;
  }
  const retainers = new Uint32Array(edges.length / f.edgeWidth);
  const filled = firstRetainer.slice();
  for (let node = 0; node < count; node++) {
    for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge += f.edgeWidth) {
      retainers[filled[target(edge)]!++] = node;
    }
  }

  const scriptName = (script: number) => {
    for (let edge = firstEdge[script]!; edge < firstEdge[script + 1]!; edge += f.edgeWidth) {
      if (edgeName(edge) === 'name') {
        const name = strings[nodes[target(edge) * f.nodeWidth + f.name]!] ?? '';
        return name.split('/').pop() || '(a script without a name)';
      }
    }
    return '(a script without a name)';
  };
  const owningScript = (start: number): number => {
    let frontier = [start];
    const seen = new Set(frontier);
    for (let depth = 0; depth <= CODE_OWNER_DEPTH && frontier.length > 0; depth++) {
      const next: number[] = [];
      for (const node of frontier) {
        if (scriptOf[node]! >= 0) return scriptOf[node]!;
        for (let r = firstRetainer[node]!; r < firstRetainer[node + 1]!; r++) {
          const retainer = retainers[r]!;
          if (!seen.has(retainer)) {
            seen.add(retainer);
            next.push(retainer);
          }
        }
      }
      frontier = next.slice(0, CODE_OWNER_BREADTH);
    }
    return -1;
  };

  const sizes = new Map<string, number>();
  for (let node = 0; node < count; node++) {
    if (nodeTypes[nodes[node * f.nodeWidth + f.type]!] !== 'code') continue;
    const script = owningScript(node);
    const key = script < 0 ? "(V8's own)" : scriptName(script);
    sizes.set(key, (sizes.get(key) ?? 0) + nodes[node * f.nodeWidth + f.size]! / MIB);
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}
