import DragomanText

/// The word pairs that share a sentence in a training corpus, as slots: one row per source
/// word, each row a small open-addressing table of target ids (linear probing, load about
/// 2/3). A slot number indexes the parallel `Float` arrays of the EM trainers (probability
/// and expected count, per direction), so both directions share one key structure and the
/// E-step finds a pair's slot with one multiply-and-probe in the row of its source word,
/// without hashing tuples or touching a Swift `Dictionary`.
///
/// Built once, read-only afterwards: the two direction threads read it at the same time.
/// It owns its memory (freed on deinit), hence `@unchecked Sendable`.
final class CooccurrenceTable: @unchecked Sendable {
    let sourceVocabularySize: Int
    let targetVocabularySize: Int
    /// Row `e` is `keys[rowStart[e] ..< rowStart[e + 1]]`.
    let rowStart: UnsafeMutablePointer<Int>
    /// Target ids, −1 for an empty slot.
    let keys: UnsafeMutablePointer<Int32>
    let slotCount: Int
    /// Distinct (source, target) pairs.
    let pairCount: Int

    /// The pairs of every sentence pair with two non-empty sides, plus `extraPairs` (the
    /// priors' pairs, which need a slot even when they never share a sentence).
    init(sentences: [AlignmentSentence], sourceVocabularySize: Int, targetVocabularySize: Int,
         extraPairs: [(source: Int32, target: Int32)], threads: Int) {
        self.sourceVocabularySize = sourceVocabularySize
        self.targetVocabularySize = targetVocabularySize
        let vs = sourceVocabularySize

        // Sentences per source word (an inverted index), so that each row is gathered by one
        // worker that walks only the sentences of its words.
        let start = Self.prefixSums(count: vs) { add in
            for s in sentences where !s.target.isEmpty {
                for e in s.source { add(Int(e)) }
            }
        }
        var sentenceOf = [Int32](repeating: 0, count: start[vs])
        do {
            var next = start
            for (k, s) in sentences.enumerated() where !s.target.isEmpty {
                for e in s.source {
                    sentenceOf[next[Int(e)]] = Int32(truncatingIfNeeded: k)
                    next[Int(e)] += 1
                }
            }
        }
        let sentenceIndex = sentenceOf
        sentenceOf = []
        let extras = extraPairs.sorted { ($0.source, $0.target) < ($1.source, $1.target) }
        let extraStart = Self.prefixSums(count: vs) { add in
            for p in extras { add(Int(p.source)) }
        }

        // Contiguous ranges of source words with about equal work, one per worker.
        let workers = max(1, threads)
        var bounds = [0]
        let total = start[vs]
        for w in 1..<workers {
            let goal = total * w / workers
            var e = bounds.last!
            while e < vs && start[e] < goal { e += 1 }
            bounds.append(e)
        }
        bounds.append(vs)

        // Distinct targets per source word, worker by worker: a stamp per target id says
        // whether the current row has it already.
        let parts: [(counts: [Int32], targets: [Int32])] = ParallelMap.map(workers, workers: workers, minimumCount: 2) { w in
            let lo = bounds[w], hi = bounds[w + 1]
            var stamp = [Int32](repeating: -1, count: targetVocabularySize)
            var counts = [Int32](repeating: 0, count: hi - lo)
            var targets: [Int32] = []
            targets.reserveCapacity((start[hi] - start[lo]) * 4)
            sentences.withUnsafeBufferPointer { corpus in
                for e in lo..<hi {
                    let before = targets.count
                    let mark = Int32(e)
                    for k in start[e]..<start[e + 1] {
                        corpus[Int(sentenceIndex[k])].target.withUnsafeBufferPointer { t in
                            for f in t where stamp[Int(f)] != mark {
                                stamp[Int(f)] = mark
                                targets.append(f)
                            }
                        }
                    }
                    for k in extraStart[e]..<extraStart[e + 1] where stamp[Int(extras[k].target)] != mark {
                        stamp[Int(extras[k].target)] = mark
                        targets.append(extras[k].target)
                    }
                    counts[e - lo] = Int32(targets.count - before)
                }
            }
            return (counts, targets)
        }

        rowStart = .allocate(capacity: vs + 1)
        var slots = 0, pairs = 0
        for (w, part) in parts.enumerated() {
            for (k, c) in part.counts.enumerated() {
                rowStart[bounds[w] + k] = slots
                slots += Self.capacity(forRowOf: Int(c))
                pairs += Int(c)
            }
        }
        rowStart[vs] = slots
        slotCount = slots
        pairCount = pairs
        keys = .allocate(capacity: max(slots, 1))
        keys.initialize(repeating: -1, count: max(slots, 1))

        // Insert each worker's rows (rows are disjoint, so workers write disjoint slots).
        let table = (rowStart: rowStart, keys: keys)
        _ = ParallelMap.map(workers, workers: workers, minimumCount: 2) { w in
            var offset = 0
            let part = parts[w]
            for k in 0..<part.counts.count {
                let e = bounds[w] + k
                let lo = table.rowStart[e], capacity = table.rowStart[e + 1] - lo
                for q in offset..<(offset + Int(part.counts[k])) {
                    let f = part.targets[q]
                    var p = lo + Self.home(of: f, capacity: capacity)
                    while table.keys[p] >= 0 {
                        p += 1
                        if p == lo + capacity { p = lo }
                    }
                    table.keys[p] = f
                }
                offset += Int(part.counts[k])
            }
            return 0
        }
    }

    deinit {
        rowStart.deallocate()
        keys.deallocate()
    }

    /// Start offsets of `count` buckets from the items `fill` adds, one call per item.
    private static func prefixSums(count: Int, _ fill: ((Int) -> Void) -> Void) -> [Int] {
        var start = [Int](repeating: 0, count: count + 1)
        fill { start[$0 + 1] += 1 }
        for k in 0..<count { start[k + 1] += start[k] }
        return start
    }

    /// Slots for a row of `count` targets: load about 8/9 (memory is what limits the corpus
    /// size) and always one empty slot, so that a probe for an absent key ends.
    static func capacity(forRowOf count: Int) -> Int {
        count == 0 ? 0 : count + count / 8 + 1
    }

    /// Where a target id starts probing in a row of `capacity` slots (Fibonacci hashing,
    /// mapped onto the capacity by a multiply-shift, so rows need no power-of-two size).
    @inline(__always)
    static func home(of target: Int32, capacity: Int) -> Int {
        let h = UInt32(bitPattern: target) &* 0x9E37_79B1
        return Int((UInt64(h) &* UInt64(capacity)) >> 32)
    }

    /// The slot of a pair known to be in the table (any pair of a training sentence).
    @inline(__always)
    func slot(source e: Int32, target f: Int32) -> Int {
        let lo = rowStart[Int(e)], capacity = rowStart[Int(e) + 1] &- lo
        let end = lo &+ capacity
        var p = lo &+ Self.home(of: f, capacity: capacity)
        while keys[p] != f {
            p &+= 1
            if p == end { p = lo }
        }
        return p
    }

    /// The slot of a pair, or nil when the pair is not in the table.
    func find(source e: Int32, target f: Int32) -> Int? {
        guard e >= 0, Int(e) < sourceVocabularySize else { return nil }
        let lo = rowStart[Int(e)], capacity = rowStart[Int(e) + 1] - lo
        guard capacity > 0 else { return nil }
        var p = lo + Self.home(of: f, capacity: capacity)
        while keys[p] >= 0 {
            if keys[p] == f { return p }
            p += 1
            if p == lo + capacity { p = lo }
        }
        return nil
    }

    /// Bytes held (keys and row starts; the trainers add 8 bytes per slot each).
    var byteCount: Int { slotCount * 4 + (sourceVocabularySize + 1) * 8 }
}
