import ArgumentParser
import Foundation
import RuleEngine

extension Moment {
    /// The wall-clock time here, to the minute: the candidate's answers are
    /// in local time too.
    static func current() -> Moment {
        let parts = Foundation.Calendar.current.dateComponents([.year, .month, .day, .hour, .minute], from: Date())
        return Moment(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1,
                      hour: parts.hour ?? 0, minute: parts.minute ?? 0) ?? Moment(minutes: 0, hasTime: true)
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
    @Option(help: "Pin the clock (YYYY-MM-DD[THH:MM]).")
    var now: ClockOption?

    @Option(help: "The rule pack folder (default: the bundled AI-102 pack).")
    var rules: String?

    /// The pinned clock, or the one on the wall.
    var clock: Moment { now?.moment ?? .current() }
}
