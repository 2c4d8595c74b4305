#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A kept session held by this process: an advisory `flock` on the
/// session's lock file, so a second process cannot write the same answers.
///
/// The lock lives as long as this object, and at most as long as the
/// process: the kernel drops it on every exit, a signal or a crash
/// included, so a lock is never left behind by a process that is gone.
public final class SessionLock: Sendable {
    let descriptor: Int32
    /// The lock file, kept after the lock is released: removing it would
    /// race with a process that has it open and is about to lock it.
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// Locks the file at `path`, creating it (0600) when missing; nil when
    /// another process holds it.
    static func acquire(_ path: String) throws(SessionStore.StoreError) -> SessionLock? {
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw .unwritable(path, String(cString: strerror(errno))) }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let failure = errno
                close(descriptor)
                if failure == EINTR { continue }
                if failure == EAGAIN { return nil }
                throw .unwritable(path, String(cString: strerror(failure)))
            }
            // NB: the file may have been removed (`forget`) between opening
            // and locking it; a lock on a file no longer under that name
            // keeps no one out, so the name is opened again.
            var held = stat(), named = stat()
            if fstat(descriptor, &held) == 0, stat(path, &named) == 0,
               held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                return SessionLock(descriptor: descriptor, path: path)
            }
            close(descriptor)
        }
    }

    /// Whether another process holds the lock at `path` (or this one,
    /// through another `SessionLock`).
    static func isHeld(_ path: String) -> Bool {
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return flock(descriptor, LOCK_SH | LOCK_NB) != 0 && errno == EAGAIN
    }
}
