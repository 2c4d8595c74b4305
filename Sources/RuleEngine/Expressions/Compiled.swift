/// An expression resolved against a rule base and turned into a closure,
/// with what is known about it before it runs.
struct Compiled: Sendable {
    typealias Run = @Sendable (EvaluationContext) -> Value?

    let run: Run
    let type: FactType
    /// Facts the expression may read, directly or through a collection.
    let reads: Set<Int>
    /// Variable slots the expression uses and does not bind itself.
    let variables: Set<Int>
    /// The value, when it needs no facts and no variables.
    let constant: Value?
    /// The cache slot the value is kept in, with the closure that works it
    /// out (``ExpressionCompiler/kept(_:_:)``).
    var cacheSlot: Int?
    var uncached: Run?

    init(type: FactType, reads: Set<Int> = [], variables: Set<Int> = [], run: @escaping Run) {
        self.run = run
        self.type = type
        self.reads = reads
        self.variables = variables
        self.constant = nil
    }

    init(constant: Value, type: FactType) {
        self.run = { _ in constant }
        self.type = type
        self.reads = []
        self.variables = []
        self.constant = constant
    }

    /// The static type of a literal value.
    static func type(of value: Value) -> FactType {
        switch value {
        case .number: .number(min: nil, max: nil, integer: false)
        case .string: .text(values: nil)
        case .bool: .bool
        case .date(let m): .date(time: m.hasTime)
        case .duration: .duration
        case .set(let items): .set(of: items.first.map(type(of:)) ?? .any)
        case .list(let items): .list(of: items.first.map(type(of:)) ?? .any)
        case .record(let r):
            .record(fields: Dictionary(r.fields.map { ($0.name, type(of: $0.value)) }, uniquingKeysWith: { a, _ in a }))
        }
    }
}

/// What a name in an expression can refer to.
protocol NameResolving {
    func fact(named name: String) -> (id: Int, type: FactType)?
    func constant(named name: String) -> Value?
    /// A collection: its index, its type, the facts its computed fields
    /// read, and its records when none is computed.
    func collection(named name: String) -> (index: Int, type: FactType, reads: Set<Int>, literal: Value?)?
    /// Every fact, constant and collection name, for "did you mean".
    var allNames: [String] { get }
    /// Where compiled expressions keep what they work out between
    /// evaluations; nil compiles them to work it out every time.
    var cacheSlots: CacheSlots? { get }
}

extension NameResolving {
    var cacheSlots: CacheSlots? { nil }
}
