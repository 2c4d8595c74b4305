import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RuleEngine
import RulePacks

extension Moment {
    /// The wall-clock time here, to the minute: the candidate's answers are
    /// in local time too.
    static func current() -> Moment {
        var seconds = time(nil)
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return Moment(minutes: 0, hasTime: true) }
        return Moment(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday),
                      hour: Int(parts.tm_hour), minute: Int(parts.tm_min)) ?? Moment(minutes: 0, hasTime: true)
    }
}

/// `--now 2026-11-28T09:00:00Z` pins the clock.
struct ClockOption: ExpressibleByArgument {
    let moment: Moment

    init?(argument: String) {
        guard let moment = Moment(parsing: argument), moment.hasTime || argument.count == 10 else { return nil }
        self.moment = moment
    }
}

/// The options every command that runs the rules takes.
struct PackOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Pin the clock (YYYY-MM-DD[THH:MM]).", valueName: "date"))
    var now: ClockOption?

    @Option(help: ArgumentHelp("The exam sat: ai102 or ai103 (default: a session asks; assess goes by the exam's date).",
                               valueName: "exam"),
            completion: .list(RulePacks.exams))
    var exam: String?

    @Option(help: ArgumentHelp("A rule pack folder, instead of an exam's pack.", valueName: "dir"),
            completion: .directory)
    var rules: String?

    /// The pinned clock, or the one on the wall.
    var clock: Moment { now?.moment ?? .current() }
}
