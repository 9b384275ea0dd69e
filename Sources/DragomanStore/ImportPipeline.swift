import Foundation
import DragomanTM

/// Reads and analyses batches of units on a thread of its own, a couple of batches ahead
/// of the single thread that writes them, so that parsing and tokenizing never wait for
/// SQLite and SQLite never waits for them. (One analysing thread, not one per core: on
/// two cores a second one only takes turns with the writer, which sets the pace.)
///
/// The sequence is only ever iterated by the producer thread, and the caller reads the
/// state it shares with the sequence (errors it recorded) only after `finish()` has
/// joined that thread: hence the unchecked `Sendable`.
final class ImportPipeline<Units: Sequence>: @unchecked Sendable where Units.Element == KeyedUnit {
    typealias Batch = [(unit: TranslationUnit, analysis: UnitAnalysis)]

    private var iterator: Units.Iterator
    private let batchSize: Int
    private let depth: Int
    private let condition = NSCondition()
    private var ready: [Batch] = []
    /// Batches the writer is done with, freed here rather than on the writer's thread.
    private var written: [Batch] = []
    private var exhausted = false
    private var cancelled = false
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading at once; `depth` batches at most wait for the writer.
    init(_ units: Units, batchSize: Int = 1024, depth: Int = 8) {
        iterator = units.makeIterator()
        self.batchSize = batchSize
        self.depth = depth
        let body = ThreadBody { [self] in produce() }
        let thread = Thread { body.run() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func produce() {
        defer { done.signal() }
        // The writer is the one thread that cannot be spread over cores: let it win
        // when both want the same core.
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)
        while true {
            condition.lock()
            var finished = written
            written = []
            condition.unlock()
            finished.removeAll()
            var units: [KeyedUnit] = []
            units.reserveCapacity(batchSize)
            while units.count < batchSize, let unit = iterator.next() { units.append(unit) }
            let analyses = units.map(UnitAnalysis.init)
            condition.lock()
            while ready.count >= depth && !cancelled { condition.wait() }
            if cancelled { condition.unlock(); return }
            if units.isEmpty {
                exhausted = true
            } else {
                ready.append(Array(zip(units.map(\.unit), analyses)))
            }
            condition.signal()
            condition.unlock()
            if units.isEmpty { return }
        }
    }

    /// The next analysed batch, or nil when the sequence has ended.
    func next() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !exhausted { condition.wait() }
        if ready.isEmpty { return nil }
        let batch = ready.removeFirst()
        condition.signal()
        return batch
    }

    /// Hands a written batch back, so that its many small allocations are released on
    /// the producer's thread.
    func recycle(_ batch: consuming Batch) {
        condition.lock()
        written.append(batch)
        condition.unlock()
    }

    /// Stops the producer (if the writer gave up early) and waits for it to end.
    func finish() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        done.wait()
    }
}

/// The producer's loop, handed to `Thread` (which wants a `Sendable` closure; the
/// pipeline's class comment says why sharing it is safe).
private struct ThreadBody: @unchecked Sendable {
    let run: () -> Void
}
