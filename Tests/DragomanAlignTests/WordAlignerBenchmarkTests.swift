import Foundation
import Testing

@Suite struct WordAlignerBenchmarkTests {
    /// Figures for docs and reviews, not a pass/fail test: DRAGOMAN_BENCH=1 runs it
    /// (DRAGOMAN_BENCH_PAIRS sets the corpus size, 100,000 by default).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["DRAGOMAN_BENCH"] == "1"))
    func wordAlignerBenchmark() {
        let pairs = ProcessInfo.processInfo.environment["DRAGOMAN_BENCH_PAIRS"].flatMap { Int($0) } ?? 100_000
        WordAlignerBenchmark.run(pairs: pairs) { print($0) }
    }
}
