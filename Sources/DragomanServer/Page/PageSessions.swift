import DragomanApp
import Foundation

/// The web page's sessions, kept in memory (a server restart ends them: the page then asks
/// for the token again; on loopback a new session is made without asking). A session is
/// 32 random bytes named by the `dragoman_session` cookie; it holds the SHA-256 of the
/// token the person logged in with (never the token) and its own CSRF token
/// (synchronizer pattern: the page sends it back in `X-CSRF-Token`). Sessions end after
/// 12 hours without a request, at logout, or when the user is removed (the hash no longer
/// finds a user). At most `capacity` sessions are kept; beyond it the least recently
/// used goes first, so memory stays bounded whatever a client does.
public final class PageSessions: @unchecked Sendable {
    public struct Session: Sendable, Hashable {
        public var id: String
        public var csrf: String
        /// nil for the local person on loopback (no token).
        public var tokenHash: [UInt8]?
        public var lastUsed: Date
    }

    public static let cookieName = "dragoman_session"
    public static let idleLifetime: TimeInterval = 12 * 3600
    let capacity: Int
    private var sessions: [String: Session] = [:]
    private let lock = NSLock()

    public init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// A new session for a person who logged in with the token of `tokenHash` (nil: the
    /// local person).
    public func create(tokenHash: [UInt8]?, now: Date = Date()) -> Session {
        let session = Session(id: Self.randomToken(), csrf: Self.randomToken(), tokenHash: tokenHash, lastUsed: now)
        lock.withLock {
            sessions = sessions.filter { now.timeIntervalSince($0.value.lastUsed) < Self.idleLifetime }
            if sessions.count >= capacity, let oldest = sessions.values.min(by: { $0.lastUsed < $1.lastUsed }) {
                sessions[oldest.id] = nil
            }
            sessions[session.id] = session
        }
        return session
    }

    /// The live session `id`, its idle time restarted; nil when unknown or expired.
    public func session(_ id: String, now: Date = Date()) -> Session? {
        lock.withLock {
            guard var session = sessions[id] else { return nil }
            guard now.timeIntervalSince(session.lastUsed) < Self.idleLifetime else {
                sessions[id] = nil
                return nil
            }
            session.lastUsed = now
            sessions[id] = session
            return session
        }
    }

    public func remove(_ id: String) {
        lock.withLock { sessions[id] = nil }
    }

    var count: Int { lock.withLock { sessions.count } }

    /// 32 bytes from the system's secure generator, base64url without padding.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Compares two secrets in time that does not depend on where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
