import Dispatch

/// Runs the synchronous use-cases (SQLite reads and writes, pre-translation on every
/// core) on Dispatch's threads, not on Swift concurrency's cooperative pool, which a
/// write waiting for SQLite's lock (up to its busy timeout) must not hold.
enum Blocking {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
