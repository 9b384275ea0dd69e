import DragomanText
import Foundation
import Testing

/// The one parallel loop: results in item order whatever thread took an item and however
/// unevenly items cost.
@Suite struct ParallelMapTests {
    struct Odd: Error, Equatable { let item: Int }

    @Test func resultsComeInItemOrderWhenItemsCostUnevenly() {
        // Every 50th item is slow: the thread that takes it lets the others run ahead.
        let out = ParallelMap.map(1_000, workers: 4) { i -> Int in
            if i % 50 == 0 { Thread.sleep(forTimeInterval: 0.002) }
            return i * i
        }
        #expect(out == (0..<1_000).map { $0 * $0 })
    }

    @Test func everyItemRunsOnce() {
        let counts = ParallelMap.map(500, workers: 3) { i in i }
        #expect(Set(counts).count == 500 && counts.count == 500)
    }

    @Test func smallLoopsRunOnTheCallingThread() {
        let caller = pthread_self()
        #expect(ParallelMap.map(10, workers: 2) { _ in pthread_equal(pthread_self(), caller) != 0 }.allSatisfy { $0 })
    }

    @Test func theFirstErrorInItemOrderIsThrown() {
        #expect(throws: Odd(item: 3)) {
            _ = try ParallelMap.map(200, workers: 2, throwing: { i -> Int in
                if i % 2 == 1 && i >= 3 { throw Odd(item: i) }
                return i
            })
        }
    }
}
