import Foundation

/// How far long work has got, as a use-case reports it to whoever shows it (a terminal
/// line, a server's progress endpoint): items done, and the total when it is known, else
/// the bytes read of the file and its size.
public struct WorkProgress: Sendable, Hashable {
    /// What is counted: "units", "entries", "rows"…
    public var unit: String
    public var done: Int
    public var total: Int?
    public var bytesRead: Int?
    public var totalBytes: Int?

    public init(unit: String, done: Int, total: Int? = nil, bytesRead: Int? = nil, totalBytes: Int? = nil) {
        self.unit = unit
        self.done = done
        self.total = total
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
    }

    /// The share done, from the count when the total is known, else from the bytes read.
    public var fraction: Double? {
        if let total, total > 0 { return min(1, Double(done) / Double(total)) }
        if let bytesRead, let totalBytes, totalBytes > 0 { return min(1, Double(bytesRead) / Double(totalBytes)) }
        return nil
    }
}

/// Bytes handed out by a chunked reader so far (read on the reading thread, shown from
/// the writing one: a torn read only shows a slightly older figure).
public final class ByteCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    public init() {}

    public func add(_ n: Int) {
        lock.lock()
        count += n
        lock.unlock()
    }

    public var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
