/// The rules of a pack and the facts between them, as one graph: a rule
/// leads to each fact it changes, a fact to each rule that reads it.
///
/// Each read and each write is one edge, so a fact that many rules change
/// and many read costs their sum, where a graph of rules alone would join
/// every writer to every reader.
struct DependencyGraph {
    /// Rules are nodes `0..<ruleCount`; fact `id` is node `ruleCount + id`.
    let ruleCount: Int
    /// Each node's successors: a rule's facts, a fact's readers, ascending.
    let successors: [[Int]]

    init(_ rules: [CompiledRule], factCount: Int) {
        ruleCount = rules.count
        var successors = rules.map { rule in rule.writes.sorted().map { rules.count + $0 } }
        successors += Array(repeating: [Int](), count: factCount)
        for (index, rule) in rules.enumerated() {
            for id in rule.reads { successors[rules.count + id].append(index) }
        }
        self.successors = successors
    }

    /// How many edges the graph has: every rule's reads and writes.
    var edgeCount: Int { successors.reduce(0) { $0 + $1.count } }

    /// The groups of rules that feed each other, each with the facts they
    /// feed each other through, both ascending. A group is a strongly
    /// connected component of more than one node: every edge joins a rule
    /// and a fact, so it holds a rule and a fact at least (a rule that reads
    /// what it changes is a cycle of two nodes).
    func cycles() -> [(rules: [Int], facts: [Int])] {
        StronglyConnected.components(count: successors.count, successors: successors).map { component in
            let sorted = component.sorted()
            let split = sorted.firstIndex { $0 >= ruleCount } ?? sorted.count
            return (Array(sorted[..<split]), sorted[split...].map { $0 - ruleCount })
        }
    }
}

/// Tarjan's strongly connected components, iterative so a long chain of
/// rules cannot overflow the stack.
enum StronglyConnected {
    /// The components of more than one node: a node alone, most of a
    /// pack's, is passed over without building it a component.
    static func components(count: Int, successors: [[Int]]) -> [[Int]] {
        var index = Array(repeating: -1, count: count)
        var lowLink = Array(repeating: 0, count: count)
        var onStack = Array(repeating: false, count: count)
        var stack: [Int] = []
        var result: [[Int]] = []
        var next = 0
        var work: [(node: Int, edge: Int)] = []
        for root in 0..<count where index[root] < 0 {
            work.append((root, 0))
            index[root] = next; lowLink[root] = next; next += 1
            stack.append(root); onStack[root] = true
            while let (node, edge) = work.last {
                if edge < successors[node].count {
                    work[work.count - 1].edge += 1
                    let successor = successors[node][edge]
                    if index[successor] < 0 {
                        index[successor] = next; lowLink[successor] = next; next += 1
                        stack.append(successor); onStack[successor] = true
                        work.append((successor, 0))
                    } else if onStack[successor] {
                        lowLink[node] = min(lowLink[node], index[successor])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
                if lowLink[node] == index[node] {
                    if stack.last == node {
                        stack.removeLast()
                        onStack[node] = false
                        continue
                    }
                    var component: [Int] = []
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component.append(member)
                        if member == node { break }
                    }
                    result.append(component)
                }
            }
        }
        return result
    }
}
