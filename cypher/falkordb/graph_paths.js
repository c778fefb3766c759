// User-defined functions the embedded store (FalkorDB) is given when a client opens it, for what
// Neo4j has built in and FalkorDB has not. Loaded by graph.store.falkordb_udf as the library
// `graph_paths`; called only through the rewrites of graph.store.dialect.

// The nodes of one shortest chain from `source` to `target` of at most `maxHops` relationships
// of the given `types` (all types when empty), or null when there is none. `direction` is
// 'outgoing', 'incoming' or 'both' (any direction at each step), read from `source`.
// Breadth first from both ends at once, one level of the smaller side at a time, so that the
// work grows with the neighbourhoods searched and not with the number of paths between them
// (FalkorDB's algo.SPpaths lists paths, and its shortestPath() and algo.BFS follow outgoing
// relationships only).
function shortest(source, target, types, maxHops, direction) {
  if (source === null || target === null) return null;
  if (source.id === target.id) return [source];
  const flip = { outgoing: 'incoming', incoming: 'outgoing' };
  const outward = direction === 'both' ? ['outgoing', 'incoming'] : [direction];
  const inward = direction === 'both' ? outward : [flip[direction]];
  const sides = [
    { parent: new Map([[source.id, null]]), depth: new Map([[source.id, 0]]), frontier: [source], directions: outward },
    { parent: new Map([[target.id, null]]), depth: new Map([[target.id, 0]]), frontier: [target], directions: inward },
  ];
  const filters = types.length === 0 ? [null] : types;
  for (let searched = 0; searched < maxHops; searched++) {
    const me = sides[0].frontier.length <= sides[1].frontier.length ? 0 : 1;
    const side = sides[me];
    const other = sides[1 - me];
    const next = [];
    let meet = null;
    let meetLength = Infinity;
    for (const node of side.frontier) {
      const depth = side.depth.get(node.id) + 1;
      for (const type of filters) {
        for (const way of side.directions) {
          const config = type === null ? { direction: way } : { direction: way, types: [type] };
          for (const neighbour of node.getNeighbors(config)) {
            if (side.parent.has(neighbour.id)) continue;
            side.parent.set(neighbour.id, node);
            side.depth.set(neighbour.id, depth);
            next.push(neighbour);
            if (other.depth.has(neighbour.id) && depth + other.depth.get(neighbour.id) < meetLength) {
              meet = neighbour;
              meetLength = depth + other.depth.get(neighbour.id);
            }
          }
        }
      }
    }
    if (meet !== null) return join(meet, sides[0].parent, sides[1].parent);
    if (next.length === 0) return null;
    side.frontier = next;
  }
  return null;
}

// The chain through `meet`: back to the source by one side's parents, on to the target by the other's.
function join(meet, fromSource, fromTarget) {
  const nodes = [];
  for (let node = meet; node !== null; node = fromSource.get(node.id)) nodes.unshift(node);
  for (let node = fromTarget.get(meet.id); node !== null; node = fromTarget.get(node.id)) nodes.push(node);
  return nodes;
}

falkor.register('shortest', shortest);
