import Crypto
import DragomanStore
import DragomanText
import Foundation

/// What a user of a shared workspace may do. Readers look up and download; translators
/// also change the TM, the glossary and documents; admins may do everything a translator
/// may (user accounts are managed on the server's machine, with `dragoman user`).
public enum WorkspaceRole: String, Sendable, Hashable, CaseIterable, Codable {
    case reader, translator, admin

    /// Whether the role may change the TM, the glossary or documents.
    public var canWrite: Bool { self != .reader }
}

/// Who a request comes from: a user with a token, or the person at the server's own
/// machine (loopback without a token), who may do everything and is recorded as the
/// account running the server, as the CLI records them.
public struct WorkspaceUser: Sendable, Hashable {
    /// The name recorded as the creator of what the user adds (TMX `creationid`).
    public var name: String?
    public var role: WorkspaceRole
    /// False for the local person on loopback (no token).
    public var isAuthenticated: Bool

    public init(name: String?, role: WorkspaceRole, isAuthenticated: Bool) {
        self.name = name
        self.role = role
        self.isAuthenticated = isAuthenticated
    }

    /// The person at the server's machine (loopback, no token).
    public static var local: WorkspaceUser {
        WorkspaceUser(name: ProcessInfo.processInfo.environment["USER"], role: .admin, isAuthenticated: false)
    }
}

/// The users of a shared workspace (`dragoman user add|list|remove`) and the check of a
/// request's token. A token is 32 random bytes (256 bits: it cannot be guessed, so one
/// SHA-256 is enough to store it; a slow hash exists for low-entropy passwords), shown
/// once; only its hash is stored, and a presented token is found by its hash.
public struct UserAccounts: Sendable {
    public let users: SQLiteUsers

    public init(workspace: Workspace) {
        users = SQLiteUsers(database: workspace.database)
    }

    /// A user as `user list` shows it.
    public struct Listed: Sendable, Hashable, Encodable {
        public var name: String
        public var role: String
        public var created: String
    }

    /// Adds a user; returns the token, which is not stored and cannot be shown again.
    public func add(name: String, role: WorkspaceRole) throws -> String {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.isValidName(name) else {
            throw Failure.usage("a user name is 1 to 64 letters, digits, '.', '-', '_' or '@' (it is recorded as the creator of what the user adds)")
        }
        let token = Self.newToken()
        try users.add(name: name, role: role.rawValue, tokenHash: Self.hash(token))
        return token
    }

    public func list() throws -> [Listed] {
        try users.all().map { Listed(name: $0.name, role: $0.role, created: $0.created.formatted(.iso8601)) }
    }

    public func remove(name: String) throws {
        try users.remove(name: name)
    }

    public func count() throws -> Int { try users.count() }

    /// The user a token belongs to, or nil. The stored hash is compared with the token's
    /// in constant time as well, so that the comparison leaks nothing even where the
    /// index lookup might.
    public func user(token: String) throws -> WorkspaceUser? {
        let hash = Self.hash(token)
        guard let stored = try users.user(tokenHash: hash), Self.constantTimeEqual(stored.tokenHash, hash),
              let role = WorkspaceRole(rawValue: stored.role) else { return nil }
        return WorkspaceUser(name: stored.name, role: role, isAuthenticated: true)
    }

    /// The user whose token has this SHA-256, or nil (a web session keeps the hash, never
    /// the token, and asks again on every request: a removed user is locked out at once).
    public func user(tokenHash hash: [UInt8]) throws -> WorkspaceUser? {
        guard let stored = try users.user(tokenHash: hash), Self.constantTimeEqual(stored.tokenHash, hash),
              let role = WorkspaceRole(rawValue: stored.role) else { return nil }
        return WorkspaceUser(name: stored.name, role: role, isAuthenticated: true)
    }

    /// The SHA-256 of a token, as stored.
    public static func tokenHash(_ token: String) -> [UInt8] { hash(token) }

    /// "dgm_" and 32 random bytes in base64url (no padding): 47 characters a person can copy.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "dgm_" + base64
    }

    static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(token.utf8)))
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || ".-_@".unicodeScalars.contains($0)
        }
    }
}
