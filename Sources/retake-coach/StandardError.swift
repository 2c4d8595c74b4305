import RuleEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one line to standard error.
func printError(_ line: String) {
    let text = "retake-coach: " + DiagnosticRenderer.oneLine(line) + "\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
}
