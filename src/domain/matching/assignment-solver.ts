/**
 * Exact maximum-weight assignment of "rows" (executive capacity slots) to "columns" (mentors) on a sparse
 * bipartite graph, where a row may also stay unassigned.
 *
 * Method: successive shortest augmenting paths with node potentials (the Hungarian method, row by row, as
 * in Jonker–Volgenant), Dijkstra over a binary heap. Each row gets a private "unassigned" column of
 * benefit 0, so leaving a row empty is just another assignment and every row's search always succeeds.
 * Costs are negated benefits; all arithmetic is on integers held in doubles (exact below 2^53), so the
 * optimum is exact. Invariants (proved in the comments below and checked by the tests against brute force):
 * after each row, the assignment of the rows seen so far is a minimum-cost one, and every residual arc has
 * a non-negative reduced cost.
 *
 * Speed comes from stopping each Dijkstra at the first free column (potentials of settled nodes are
 * shifted by d − D, which keeps reduced costs non-negative), and from never pushing a column whose
 * tentative distance is already worse than the best free column found.
 */

export interface AssignmentProblem {
  /** Number of rows. */
  rows: number;
  /** Number of real columns. */
  columns: number;
  /** Edges are stored per "owner" (an executive); several rows may share one owner's edge list. */
  rowOwner: Int32Array;
  /** Added to the benefit of every edge of the row (the lexicographic bonus); 0 for none. */
  rowBonus: Float64Array;
  /** CSR over owners: edges of owner o are edgeStart[o] .. edgeStart[o+1]-1. */
  edgeStart: Int32Array;
  edgeColumn: Int32Array;
  /** Benefit of each edge (positive integers). */
  edgeBenefit: Int32Array;
}

/** Returns, for each row, its assigned column or -1. */
export function solveAssignment(p: AssignmentProblem): Int32Array {
  const nRows = p.rows;
  const nReal = p.columns;
  const nCols = nReal + nRows; // column nReal + r is row r's private "unassigned" column
  const rowCol = new Int32Array(nRows).fill(-1);
  const colRow = new Int32Array(nCols).fill(-1);
  const piRow = new Float64Array(nRows);
  const piCol = new Float64Array(nCols);
  const dist = new Float64Array(nCols);
  const seenStamp = new Int32Array(nCols); // dist[c] is valid for this search when seenStamp[c] === stamp
  const doneStamp = new Int32Array(nCols); // c was settled in this search
  const predRow = new Int32Array(nCols);
  const settledCols: number[] = [];
  const settledRows: number[] = [];
  const rowDist = new Float64Array(nRows);
  const heap = new ColumnHeap();
  let stamp = 0;

  for (let r0 = 0; r0 < nRows; r0++) {
    stamp++;
    settledCols.length = 0;
    settledRows.length = 0;
    heap.clear();
    let bestFree = Infinity;

    const relax = (r: number, d: number) => {
      const owner = p.rowOwner[r]!;
      const bonus = p.rowBonus[r]!;
      const base = d + piRow[r]!;
      for (let k = p.edgeStart[owner]!, end = p.edgeStart[owner + 1]!; k < end; k++) {
        const c = p.edgeColumn[k]!;
        if (doneStamp[c] === stamp || rowCol[r] === c) continue;
        const nd = base - (p.edgeBenefit[k]! + bonus) - piCol[c]!;
        if (nd > bestFree) continue;
        if (seenStamp[c] !== stamp || nd < dist[c]!) {
          seenStamp[c] = stamp;
          dist[c] = nd;
          predRow[c] = r;
          const free = colRow[c]! < 0;
          if (free && nd < bestFree) bestFree = nd;
          heap.push(nd, free ? c : c + nCols, c);
        }
      }
      const dummy = nReal + r;
      if (doneStamp[dummy] !== stamp && rowCol[r] !== dummy) {
        const nd = base - piCol[dummy]!;
        if (nd <= bestFree && (seenStamp[dummy] !== stamp || nd < dist[dummy]!)) {
          seenStamp[dummy] = stamp;
          dist[dummy] = nd;
          predRow[dummy] = r;
          const free = colRow[dummy]! < 0;
          if (free && nd < bestFree) bestFree = nd;
          heap.push(nd, free ? dummy : dummy + nCols, dummy);
        }
      }
    };

    rowDist[r0] = 0;
    settledRows.push(r0);
    relax(r0, 0);
    let target = -1;
    let D = 0;
    while (heap.size > 0) {
      const c = heap.popColumn();
      const d = heap.lastKey;
      if (doneStamp[c] === stamp || d !== dist[c]) continue; // stale entry
      doneStamp[c] = stamp;
      settledCols.push(c);
      const owner = colRow[c]!;
      if (owner < 0) {
        target = c;
        D = d;
        break;
      }
      // The matched arc c → owner is tight (reduced cost 0), so the owner row settles at the same distance.
      rowDist[owner] = d;
      settledRows.push(owner);
      relax(owner, d);
    }
    if (target < 0) throw new Error("assignment search found no free column (the private column should always be reachable)");

    // Potential update π' = π + d − D on settled nodes keeps every reduced cost ≥ 0 and makes the path tight.
    for (const c of settledCols) piCol[c]! += dist[c]! - D;
    for (const r of settledRows) piRow[r]! += rowDist[r]! - D;

    // Augment along the predecessor chain back to r0.
    let c = target;
    for (;;) {
      const r = predRow[c]!;
      const previous = rowCol[r]!;
      rowCol[r] = c;
      colRow[c] = r;
      if (r === r0) break;
      c = previous;
    }
  }

  const out = new Int32Array(nRows);
  for (let r = 0; r < nRows; r++) out[r] = rowCol[r]! < nReal ? rowCol[r]! : -1;
  return out;
}

/**
 * Min-heap of (key, tie, column) with typed arrays. Ties are broken by `tie` (free columns first, then by
 * column index), which makes the search — and so the chosen optimum — deterministic.
 */
class ColumnHeap {
  private keys = new Float64Array(1024);
  private ties = new Float64Array(1024);
  private cols = new Int32Array(1024);
  size = 0;
  lastKey = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, tie: number, col: number): void {
    if (this.size === this.keys.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = this.keys[parent]!;
      if (pk < key || (pk === key && this.ties[parent]! <= tie)) break;
      this.keys[i] = pk;
      this.ties[i] = this.ties[parent]!;
      this.cols[i] = this.cols[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.ties[i] = tie;
    this.cols[i] = col;
  }

  /** Removes the minimum; its key is left in lastKey. */
  popColumn(): number {
    const col = this.cols[0]!;
    this.lastKey = this.keys[0]!;
    const n = --this.size;
    if (n > 0) {
      const key = this.keys[n]!;
      const tie = this.ties[n]!;
      const c = this.cols[n]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        const right = child + 1;
        if (right < n && (this.keys[right]! < this.keys[child]! || (this.keys[right] === this.keys[child] && this.ties[right]! < this.ties[child]!))) child = right;
        const ck = this.keys[child]!;
        if (key < ck || (key === ck && tie <= this.ties[child]!)) break;
        this.keys[i] = ck;
        this.ties[i] = this.ties[child]!;
        this.cols[i] = this.cols[child]!;
        i = child;
      }
      this.keys[i] = key;
      this.ties[i] = tie;
      this.cols[i] = c;
    }
    return col;
  }

  private grow(): void {
    const size = this.keys.length * 2;
    const keys = new Float64Array(size);
    keys.set(this.keys);
    const ties = new Float64Array(size);
    ties.set(this.ties);
    const cols = new Int32Array(size);
    cols.set(this.cols);
    this.keys = keys;
    this.ties = ties;
    this.cols = cols;
  }
}
