import Foundation

/// The one import pipeline of the project (TM and glossary alike): a producer reads,
/// parses and analyses batches on a thread of its own, a few batches ahead of the
/// consumer — the database writer — on the calling thread, so that parsing never waits
/// for SQLite and SQLite never waits for parsing. An error on either side stops both and
/// is rethrown; the caller's transaction then stores nothing.
///
/// Why hand-written: the producer must be a real thread (the consumer holds a SQLite
/// transaction on the calling thread, which Swift concurrency's cooperative pool must not
/// block), the queue must be bounded (memory stays flat whatever the file's size), and the
/// writer hands spent batches back to be freed on the producer's thread (their many small
/// allocations are the writer's time otherwise). No library on this machine offers that.
public enum BatchPipeline {
    /// How the producer thread runs.
    public struct Options: Sendable {
        /// Batches waiting for the consumer at most.
        public var depth: Int
        /// Lower the producer thread's priority (nice 5): on two cores the writer, the one
        /// part that cannot be spread, wins when both want a core.
        public var lowerProducerPriority: Bool
        /// Free consumed batches on the producer's thread.
        public var recycle: Bool

        public init(depth: Int = 2, lowerProducerPriority: Bool = false, recycle: Bool = false) {
            self.depth = max(1, depth)
            self.lowerProducerPriority = lowerProducerPriority
            self.recycle = recycle
        }
    }

    /// Runs `produce` on a new thread, handing each batch it emits to `consume` on the
    /// calling thread, in order. Returns when the producer has finished and every batch
    /// has been consumed. `produce` is the only code that touches what it captures from
    /// then on (hence not checked as `Sendable`).
    public static func run<Batch>(options: Options = Options(),
                                  produce: @escaping (_ emit: (Batch) throws -> Void) throws -> Void,
                                  consume: (Batch) throws -> Void) throws {
        let channel = Channel<Batch>(depth: options.depth)
        let body = ProducerBody {
            if options.lowerProducerPriority {
                setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)
            }
            do {
                try produce { batch in
                    channel.dropSpent()
                    try channel.put(batch)
                }
                channel.close(nil)
            } catch {
                channel.close(error)
            }
        }
        let thread = Thread { body.run() }
        thread.stackSize = 8 << 20
        thread.start()
        do {
            while let batch = try channel.take() {
                try consume(batch)
                if options.recycle { channel.giveBack(batch) }
            }
        } catch {
            channel.cancel()
            channel.waitUntilClosed()
            throw error
        }
        channel.waitUntilClosed()
    }

    final class Channel<Batch>: @unchecked Sendable {
        let depth: Int
        let condition = NSCondition()
        var queue: [Batch] = []
        var spent: [Batch] = []
        var closed = false
        var failure: Error?
        var cancelled = false

        init(depth: Int) { self.depth = depth }

        func put(_ batch: Batch) throws {
            condition.lock()
            defer { condition.unlock() }
            while queue.count >= depth && !cancelled { condition.wait() }
            if cancelled { throw CancellationError() }
            queue.append(batch)
            condition.broadcast()
        }

        func take() throws -> Batch? {
            condition.lock()
            defer { condition.unlock() }
            while queue.isEmpty && !closed { condition.wait() }
            if !queue.isEmpty {
                condition.broadcast()
                return queue.removeFirst()
            }
            if let failure { throw failure }
            return nil
        }

        func giveBack(_ batch: Batch) {
            condition.lock()
            spent.append(batch)
            condition.unlock()
        }

        /// Frees the batches the consumer is done with, outside the lock.
        func dropSpent() {
            condition.lock()
            var finished = spent
            spent = []
            condition.unlock()
            finished.removeAll()
        }

        func close(_ error: Error?) {
            condition.lock()
            closed = true
            failure = error
            condition.broadcast()
            condition.unlock()
        }

        func cancel() {
            condition.lock()
            cancelled = true
            queue.removeAll()
            condition.broadcast()
            condition.unlock()
        }

        func waitUntilClosed() {
            condition.lock()
            while !closed { condition.wait() }
            condition.unlock()
        }
    }
}

/// The producer's body, handed to `Thread` (which wants a `Sendable` closure; the
/// pipeline's comment says why sharing it is safe).
private struct ProducerBody: @unchecked Sendable {
    let run: () -> Void
}

/// A value handed to another thread, which alone uses it from then on.
public final class Handoff<T>: @unchecked Sendable {
    public var value: T
    public init(_ value: T) { self.value = value }
}
