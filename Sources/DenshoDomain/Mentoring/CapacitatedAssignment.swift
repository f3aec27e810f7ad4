/// The exact minimum-cost assignment of rows to columns where column `j` takes at most
/// `capacities[j]` rows and any row may stay unassigned at a fixed cost: a transportation problem,
/// solved by successive shortest augmenting paths (the Hungarian method of Jonker–Volgenant and
/// Crouse, as SciPy's `linear_sum_assignment` uses) on the compact graph, not on one column per
/// unit of capacity.
///
/// Each row is added by a Dijkstra search over reduced costs; a column that is full passes the
/// search on to every row it holds (their edges back are tight), and each row's "stay unassigned"
/// option is a private column. Dual prices keep every reduced cost non-negative, so each
/// augmentation keeps the assignment of the rows so far optimal. Integer costs keep it exact.
public enum CapacitatedAssignment {
    /// The cost entry of a pair that may not be assigned.
    public static let forbidden = Int64.max

    /// Returns, per row, its column or nil (unassigned).
    /// - Parameters:
    ///   - costs: row-major, `rows × capacities.count`, non-negative or `forbidden`.
    ///   - unassignedCost: the cost of leaving a row without a column (non-negative).
    public static func solve(rows: Int, capacities: [Int], costs: [Int64], unassignedCost: Int64) -> [Int?] {
        let m = capacities.count
        precondition(costs.count == rows * m, "one cost per row and column")
        let infinity = Int64.max / 4
        var u = [Int64](repeating: 0, count: rows)
        var v = [Int64](repeating: 0, count: m)
        var dummyPrice = [Int64](repeating: 0, count: rows)
        var columnOf = [Int](repeating: -1, count: rows)  // -1 not yet placed, -2 unassigned, else column
        var rowsOf = [[Int]](repeating: [], count: m)
        var distance = [Int64](repeating: infinity, count: m)
        var path = [Int](repeating: -1, count: m)
        var done = [Bool](repeating: false, count: m)
        var reachedThrough = [Int](repeating: -1, count: rows)
        var doneColumns: [Int] = []
        var visitedRows: [Int] = []
        var queue: [Int] = []

        costs.withUnsafeBufferPointer { cost in
            for current in 0..<rows {
                for j in doneColumns { done[j] = false }
                for j in 0..<m { distance[j] = infinity }
                doneColumns.removeAll(keepingCapacity: true)
                visitedRows.removeAll(keepingCapacity: true)
                queue = [current]
                reachedThrough[current] = -1
                var minimum: Int64 = 0
                var bestDummy = (distance: infinity, row: -1)
                var sinkColumn = -1
                while true {
                    while let i = queue.popLast() {
                        visitedRows.append(i)
                        let base = minimum - u[i]
                        let row = cost.baseAddress! + i * m
                        for j in 0..<m where !done[j] {
                            let c = row[j]
                            if c == forbidden { continue }
                            let reduced = base + c - v[j]
                            if reduced < distance[j] {
                                distance[j] = reduced
                                path[j] = i
                            }
                        }
                        let stay = base + unassignedCost - dummyPrice[i]
                        if stay < bestDummy.distance { bestDummy = (stay, i) }
                    }
                    var best = infinity
                    var bestColumn = -1
                    for j in 0..<m where !done[j] {
                        let d = distance[j]
                        if d < best || (d == best && bestColumn >= 0 && rowsOf[j].count < capacities[j]
                            && rowsOf[bestColumn].count >= capacities[bestColumn]) {
                            best = d
                            bestColumn = j
                        }
                    }
                    if bestColumn < 0 || bestDummy.distance < best {
                        minimum = bestDummy.distance
                        break
                    }
                    minimum = best
                    done[bestColumn] = true
                    doneColumns.append(bestColumn)
                    if rowsOf[bestColumn].count < capacities[bestColumn] {
                        sinkColumn = bestColumn
                        break
                    }
                    for r in rowsOf[bestColumn] {
                        reachedThrough[r] = bestColumn
                        queue.append(r)
                    }
                }
                // Dual prices: every reduced cost stays non-negative, the path's edges become tight.
                u[current] += minimum
                for r in visitedRows where r != current { u[r] += minimum - distance[reachedThrough[r]] }
                for j in doneColumns { v[j] -= minimum - distance[j] }

                // Augment: move each row on the path one column along.
                var column: Int
                if sinkColumn >= 0 {
                    column = sinkColumn
                } else {
                    let row = bestDummy.row
                    if row == current {
                        columnOf[current] = -2
                        continue
                    }
                    column = columnOf[row]
                    rowsOf[column].removeAll { $0 == row }
                    columnOf[row] = -2
                }
                while true {
                    let i = path[column]
                    let previous = i == current ? -1 : columnOf[i]
                    if previous >= 0 { rowsOf[previous].removeAll { $0 == i } }
                    rowsOf[column].append(i)
                    columnOf[i] = column
                    if i == current { break }
                    column = previous
                }
            }
        }
        return columnOf.map { $0 >= 0 ? $0 : nil }
    }
}
