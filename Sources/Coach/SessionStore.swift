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

/// A session as kept on disk: the answers as given, in order, so it can be
/// resumed after any interruption.
public struct SavedSession: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public let fact: String
        /// The answer written out in full (`yesterday` as the date it meant).
        public let answer: String
    }

    public var id: String
    public var started: String
    public var answers: [Entry]
    public var complete: Bool

    public init(id: String, started: String, answers: [Entry] = [], complete: Bool = false) {
        self.id = id
        self.started = started
        self.answers = answers
        self.complete = complete
    }
}

/// Where a session's answers are kept as they are given.
public protocol AnswerStore: AnyObject, Sendable {
    func save(_ session: SavedSession) throws(SessionStore.StoreError)
    /// Where `session` is kept, as the candidate is told.
    func path(of session: SavedSession) -> String
    /// `base`, or `base-2`, `base-3`…: an identifier no kept session has.
    func unusedIdentifier(_ base: String) -> String
}

/// The folder where sessions are kept: readable by the candidate alone
/// (0700, files 0600), every save atomic.
public final class SessionStore: AnswerStore {
    public let folder: String

    public enum StoreError: Error, CustomStringConvertible, Sendable {
        case unreadable(String, String)
        case unwritable(String, String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "\(path): cannot read the saved session: \(reason)"
            case .unwritable(let path, let reason): "\(path): \(reason)"
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

    public func path(of session: SavedSession) -> String { sessionsFolder + "/\(session.id).json" }

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

    public func unusedIdentifier(_ base: String) -> String {
        var candidate = base
        var number = 1
        while FileManager.default.fileExists(atPath: sessionsFolder + "/\(candidate).json") {
            number += 1
            candidate = "\(base)-\(number)"
        }
        return candidate
    }

    /// Reads a saved session.
    public static func load(_ path: String) throws(StoreError) -> SavedSession {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path, "no such file") }
        do {
            return try JSONDecoder().decode(SavedSession.self, from: data)
        } catch {
            throw .unreadable(path, "not a saved session")
        }
    }

    /// The most recent session that was not finished, if any.
    public func latestUnfinished() -> (path: String, session: SavedSession)? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sessionsFolder)) ?? []
        for name in names.filter({ $0.hasSuffix(".json") }).sorted().reversed() {
            let path = sessionsFolder + "/" + name
            if let session = try? SessionStore.load(path), !session.complete { return (path, session) }
        }
        return nil
    }

    /// The line editor's history, kept beside the sessions.
    public var historyFile: String { folder + "/history" }

    /// Every file the coach keeps: the saved sessions and the line history.
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
