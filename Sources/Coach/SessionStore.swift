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

/// A session as kept on disk: the answers as given, in order, so it can be
/// resumed after any interruption.
public struct SavedSession: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public let fact: String
        /// The answer written out in full (`yesterday` as the date it meant).
        public let answer: String
        /// A day whose time of day was still to be asked when the session
        /// stopped: a resume asks it first.
        public var timePending: Bool?

        public init(fact: String, answer: String, timePending: Bool? = nil) {
            self.fact = fact
            self.answer = answer
            self.timePending = timePending
        }
    }

    public var id: String
    public var started: String
    /// The clock the answers were last read with: when the run that last
    /// wrote the session began. The plan is worked out again at this
    /// moment, so it reads as it did when the session ended. Files written
    /// before it was kept have none; `started` stands in.
    public var clock: String?
    public var answers: [Entry]
    public var complete: Bool
    /// The exam the answers are about (`ai102`), when the session chose
    /// one: its pack reads them again. Files without it were for the pack
    /// given on the command line.
    public var exam: String?

    public init(id: String, started: String, clock: String? = nil, answers: [Entry] = [], complete: Bool = false) {
        self.id = id
        self.started = started
        self.clock = clock
        self.answers = answers
        self.complete = complete
    }

    /// The moment the plan is worked out at (see `clock`).
    public var clockMoment: Moment? { Moment(parsing: clock ?? started) }

    /// When it started, as the candidate reads it: `2026-11-28 15:02`.
    public var startedReadable: String { Moment(parsing: started)?.readable ?? started }
}

/// A session found in the store, with when its file last changed.
public struct KeptSession: Sendable {
    public let path: String
    public let session: SavedSession
    /// The file's modification time, to the nanosecond: the order in which
    /// sessions were last answered, even within one minute.
    public let changed: (seconds: Int, nanoseconds: Int)

    /// Newest change first; equal times (a coarse file system) by the later
    /// start, then the later identifier (`…-2` after the first of a minute).
    static func newerFirst(_ a: KeptSession, _ b: KeptSession) -> Bool {
        (a.changed.seconds, a.changed.nanoseconds, a.session.started, a.session.id)
            > (b.changed.seconds, b.changed.nanoseconds, b.session.started, b.session.id)
    }
}

/// Where a session's answers are kept as they are given.
public protocol AnswerStore: AnyObject, Sendable {
    /// Writes the session; the caller holds its lock (`claim`, `lock`).
    func save(_ session: SavedSession) throws(SessionStore.StoreError)
    /// Removes the kept session: one with no answers is not kept.
    func remove(_ session: SavedSession)
    /// Where `session` is kept, as the candidate is told.
    func path(of session: SavedSession) -> String
    /// An identifier for a new session, held by this process while the
    /// lock lives: `base`, or `base-2`, `base-3`…, the first that no kept
    /// session has and no other process holds.
    func claim(_ base: String) throws(SessionStore.StoreError) -> (id: String, lock: SessionLock?)
    /// Holds the kept session `id` for this process while the lock lives;
    /// `.openElsewhere` when another process holds it.
    func lock(_ id: String) throws(SessionStore.StoreError) -> SessionLock?
}

/// The folder where sessions are kept: readable by the candidate alone
/// (0700, files 0600), every save atomic.
public final class SessionStore: AnswerStore {
    public let folder: String

    public enum StoreError: Error, CustomStringConvertible, Sendable {
        case unreadable(String, String)
        case unwritable(String, String)
        /// Another process holds the session with this identifier.
        case openElsewhere(String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "\(path): cannot read the saved session: \(reason)"
            case .unwritable(let path, let reason): "\(path): \(reason)"
            case .openElsewhere(let id):
                "the session \(id) is open in another retake-coach; go on there, or end it first"
            }
        }
    }

    /// `folder` is created when the first session is saved.
    public init(folder: String) {
        self.folder = folder
    }

    /// The folder for this user: `$XDG_STATE_HOME/retake-coach`, else
    /// `~/.local/state/retake-coach`.
    public static func defaultFolder(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/retake-coach" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/retake-coach"
    }

    public var sessionsFolder: String { folder + "/sessions" }

    public func path(of session: SavedSession) -> String { path(ofIdentifier: session.id) }

    /// Whether `path` is the file this store keeps `session` in (by any
    /// name that leads to it), rather than a copy of it.
    public func isOwnFile(_ path: String, of session: SavedSession) -> Bool {
        var given = stat(), own = stat()
        guard stat(path, &given) == 0, stat(self.path(of: session), &own) == 0 else { return false }
        return given.st_ino == own.st_ino && given.st_dev == own.st_dev
    }

    /// Where the session `id` is kept.
    public func path(ofIdentifier id: String) -> String { sessionsFolder + "/\(id).json" }

    /// The lock file of the session `id`, beside it.
    func lockPath(_ id: String) -> String { sessionsFolder + "/\(id).lock" }

    /// Writes the session, replacing the last save atomically.
    public func save(_ session: SavedSession) throws(StoreError) {
        try makeFolder(folder)
        try makeFolder(sessionsFolder)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let path = path(of: session)
        guard let data = try? encoder.encode(session) else { throw .unwritable(path, "cannot encode the session") }
        do {
            try PrivateFile.write(String(decoding: data, as: UTF8.self) + "\n", to: path)
        } catch {
            throw .unwritable(path, error.reason)
        }
    }

    public func remove(_ session: SavedSession) {
        unlink(path(of: session))
    }

    public func claim(_ base: String) throws(StoreError) -> (id: String, lock: SessionLock?) {
        try makeFolder(folder)
        try makeFolder(sessionsFolder)
        var candidate = base
        var number = 1
        while true {
            // NB: locked first, then looked for: a process that claims the
            // same name a moment later finds the lock or the file.
            if let lock = try SessionLock.acquire(lockPath(candidate)) {
                if !FileManager.default.fileExists(atPath: path(ofIdentifier: candidate)) { return (candidate, lock) }
            }
            number += 1
            candidate = "\(base)-\(number)"
        }
    }

    public func lock(_ id: String) throws(StoreError) -> SessionLock? {
        try makeFolder(folder)
        try makeFolder(sessionsFolder)
        guard let lock = try SessionLock.acquire(lockPath(id)) else { throw .openElsewhere(id) }
        return lock
    }

    /// Whether another process holds the session `id`.
    public func isOpenElsewhere(_ id: String) -> Bool {
        SessionLock.isHeld(lockPath(id))
    }

    /// Reads a saved session.
    public static func load(_ path: String) throws(StoreError) -> SavedSession {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path, "no such file") }
        guard let session = decode(data) else { throw .unreadable(path, "not a saved session") }
        return session
    }

    /// The session in `data`, when it is one.
    public static func decode(_ data: Data) -> SavedSession? {
        try? JSONDecoder().decode(SavedSession.self, from: data)
    }

    /// Every kept session that can be read, the most recently changed first.
    public func sessions() -> [KeptSession] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sessionsFolder)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.compactMap { name -> KeptSession? in
            let path = sessionsFolder + "/" + name
            var status = stat()
            guard stat(path, &status) == 0, let session = try? SessionStore.load(path) else { return nil }
            #if canImport(Darwin)
            let changed = (Int(status.st_mtimespec.tv_sec), Int(status.st_mtimespec.tv_nsec))
            #else
            let changed = (Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec))
            #endif
            return KeptSession(path: path, session: session, changed: changed)
        }.sorted(by: KeptSession.newerFirst)
    }

    /// The most recently changed session that is not finished and that no
    /// other process holds, if any.
    public func latestUnfinished() -> (path: String, session: SavedSession)? {
        sessions().first { !$0.session.complete && !isOpenElsewhere($0.session.id) }.map { ($0.path, $0.session) }
    }

    /// The line editor's history, kept beside the sessions.
    public var historyFile: String { folder + "/history" }

    /// Every file the coach keeps: the saved sessions, their lock files and
    /// the line history.
    public func keptFiles() -> [String] {
        let sessions = ((try? FileManager.default.contentsOfDirectory(atPath: sessionsFolder)) ?? [])
            .sorted().map { sessionsFolder + "/" + $0 }
        return sessions + (FileManager.default.fileExists(atPath: historyFile) ? [historyFile] : [])
    }

    private func makeFolder(_ path: String) throws(StoreError) {
        var isDirectory = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory else { throw .unwritable(path, "not a folder") }
            // A folder made before (or by hand) is closed to others too.
            chmod(path, 0o700)
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unwritable(path, "cannot create the folder")
        }
    }
}
