import Foundation

/// Where the database is: `--db PATH`, else `$DRAGOMAN_DB`, else
/// `$XDG_DATA_HOME/dragoman/dragoman.sqlite` (~/.local/share/dragoman/dragoman.sqlite).
public struct DatabaseLocation: Sendable, Hashable {
    public var path: String
    /// Given by the user (`--db` or `$DRAGOMAN_DB`) rather than the default.
    public var isExplicit: Bool

    public init(path: String, isExplicit: Bool) {
        self.path = path
        self.isExplicit = isExplicit
    }

    /// The location `--db` (nil when not given) and the environment resolve to.
    public static func resolve(db: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseLocation {
        if let db { return DatabaseLocation(path: db, isExplicit: true) }
        if let path = environment["DRAGOMAN_DB"], !path.isEmpty { return DatabaseLocation(path: path, isExplicit: true) }
        // ~ is $HOME, as the XDG spec and every shell say: Foundation's NSHomeDirectory() on
        // Linux reads the password database and ignored a HOME set for a sandbox or a test.
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (home as NSString).appendingPathComponent(".local/share")
        let path = ((dataHome as NSString).appendingPathComponent("dragoman") as NSString).appendingPathComponent("dragoman.sqlite")
        return DatabaseLocation(path: path, isExplicit: false)
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }
}
