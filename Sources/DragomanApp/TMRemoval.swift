import DragomanStore
import DragomanText

/// Removing units from the translation memory (`tm remove`): one unit by id, or every
/// unit of an origin (the file or article it was imported from) in one transaction.
public struct TMRemoval {
    public let tm: SQLiteTranslationMemory
    /// The database's path, for messages.
    public let path: String

    public init(tm: SQLiteTranslationMemory, path: String) {
        self.tm = tm
        self.path = path
    }

    /// Removes the unit `id`; not found when there is none.
    public func remove(id: Int64) throws {
        guard try tm.remove(id: id) else { throw Failure.notFound("no unit \(id) in \(path)") }
    }

    /// Removes every unit whose origin is `origin`; returns how many. When no unit has
    /// it, nothing is removed and the error names the origins there are.
    public func remove(origin: String) throws -> Int {
        let removed = try tm.remove(origin: origin)
        guard removed == 0 else { return removed }
        let origins = try tm.origins().compactMap { o in o.origin.map { "\($0) (\(o.count))" } }
        throw Failure.notFound("no unit in \(path) has the origin \"\(origin)\""
            + (origins.isEmpty ? "" : "; origins: " + origins.prefix(10).joined(separator: ", ")
               + (origins.count > 10 ? ", …" : "")))
    }
}
