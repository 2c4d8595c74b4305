/// One problem found while loading or linting a rule pack.
///
/// Diagnostics are data; ``DiagnosticRenderer`` turns them into words.
public struct Diagnostic: Error, Hashable, Sendable {
    public enum Severity: String, Sendable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    public static func warning(at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, at: location, message)
    }
}

extension Array where Element == Diagnostic {
    /// Whether any of the diagnostics is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line and column, errors before warnings at one place.
    public func sortedByLocation() -> [Diagnostic] {
        sorted {
            ($0.location.file, $0.location.line, $0.location.column, $1.severity)
                < ($1.location.file, $1.location.line, $1.location.column, $0.severity)
        }
    }
}

/// Renders diagnostics as `file:line:col: error: message`, followed by the
/// source line and a caret under the column when the file's text is known.
public struct DiagnosticRenderer: Sendable {
    private let files: [String: SourceFile]

    public init(files: [SourceFile] = []) {
        var byName: [String: SourceFile] = [:]
        for file in files { byName[file.name] = file }
        self.files = byName
    }

    /// The first line alone: `file:line:col: severity: message`.
    public func headline(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.location): \(diagnostic.severity.rawValue): \(DiagnosticRenderer.oneLine(diagnostic.message))"
    }

    /// A message quotes what it found, which may hold line breaks or other
    /// control characters; they are written escaped, so every diagnostic
    /// stays one line and nothing raw reaches a terminal.
    public static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
        return String(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? scalar.escaped(asASCII: true) : String(scalar)
        }.joined())
    }

    /// The headline, then the quoted source line and a caret, when known.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = headline(diagnostic)
        guard let file = files[diagnostic.location.file],
              let line = file.line(diagnostic.location.line)
        else { return out }
        var shown = String(line).replacingTabs()
        var caretColumn = max(1, min(diagnostic.location.column, shown.unicodeScalars.count + 1))
        // A very long line is shown around the caret only.
        let window = 100
        if shown.unicodeScalars.count > window {
            let scalars = Array(shown.unicodeScalars)
            let start = max(0, min(caretColumn - 1 - window / 2, scalars.count - window))
            let end = min(scalars.count, start + window)
            var view = String(String.UnicodeScalarView(scalars[start..<end]))
            if end < scalars.count { view += "…" }
            if start > 0 {
                view = "…" + view
                caretColumn -= start - 1
            }
            shown = view
        }
        out += "\n    " + shown
        out += "\n    " + String(repeating: " ", count: caretColumn - 1) + "^"
        return out
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}
