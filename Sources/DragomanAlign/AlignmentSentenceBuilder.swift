import Foundation
import DragomanText
import DragomanTM

/// A unit's input to a learnt model, built straight from its match tokens: the word ids,
/// the sure anchors and, for storing the links, which match token each alignment token
/// came from. The same as `AlignmentTokenizer.tokens(arabic:english:)` followed by a
/// vocabulary lookup per token, but each Arabic word's split, ids and name skeleton are
/// worked out once and kept: a TM repeats its words, and aligning units on arrival spent
/// more on splitting, naming and looking up words than on the model's two passes.
public final class AlignmentSentenceBuilder: @unchecked Sendable {
    /// A unit as the model sees it.
    public struct Built: Sendable {
        public var sentence: AlignmentSentence
        /// For each Arabic alignment token, the index of its match token.
        public var arabicWord: [Int]
        /// For each English alignment token, the index of its match token.
        public var englishWord: [Int]
    }

    /// The id of every word the model has not seen: such a word has no translation row, so
    /// the model gives it the floor probability whatever its id.
    public static let unknownID: Int32 = 1 << 30

    /// One thread's words: read and written by that thread alone, so without a lock. A
    /// cache shared by the threads of an import under one lock made them wait on each other
    /// (a tenth of the building was the kernel switching threads), and copying a word's
    /// arrays out of it retained them; here a word is four numbers into two arenas.
    private final class Words {
        struct Word {
            var start: Int32
            var count: Int32
            var core: Int32
            /// Index into `skeletons`, or -1.
            var skeleton: Int32
        }
        var words: [KeyBytes: Word] = [:]
        var ids: [Int32] = []
        var skeletons: [String] = []
    }

    private let tokenizer: AlignmentTokenizer
    private let ids: [KeyBytes: Int32]
    private let numberID: Int32
    private let lock = NSLock()
    /// Each thread's words, by thread. An import's threads are a few pooled ones; past
    /// `maximumThreads`, a thread builds without keeping its words.
    private var byThread: [UInt: Words] = [:]
    private static let maximumThreads = 16
    private static let maximumWords = 500_000

    /// `ids` are the model's word ids (both languages in one space, keyed by alignment
    /// token); `tokenizer` splits Arabic words as learning did.
    public init(tokenizer: AlignmentTokenizer, ids: [KeyBytes: Int32]) {
        self.tokenizer = tokenizer
        self.ids = ids
        numberID = ids[KeyBytes(AlignmentTokenizer.numberToken)] ?? Self.unknownID
    }

    public func build(arabic: [MatchToken], english: [MatchToken]) -> Built {
        let mine = words()
        var source: [Int32] = [], arabicWord: [Int] = []
        source.reserveCapacity(arabic.count * 3 / 2)
        arabicWord.reserveCapacity(arabic.count * 3 / 2)
        var coreIndex: [Int] = []
        coreIndex.reserveCapacity(arabic.count)
        var skeletons: [Int32] = []
        skeletons.reserveCapacity(arabic.count)
        for (w, token) in arabic.enumerated() {
            if token.number != nil {
                coreIndex.append(source.count)
                source.append(numberID)
                arabicWord.append(w)
                skeletons.append(-1)
                continue
            }
            let word = self.word(token, in: mine)
            coreIndex.append(source.count + Int(word.core))
            source.append(contentsOf: mine.ids[Int(word.start)..<Int(word.start + word.count)])
            for _ in 0..<word.count { arabicWord.append(w) }
            skeletons.append(word.skeleton)
        }
        var target: [Int32] = [], englishWord: [Int] = []
        target.reserveCapacity(english.count)
        englishWord.reserveCapacity(english.count)
        for (w, token) in english.enumerated() {
            target.append(token.number != nil ? numberID : ids[KeyBytes(token.key)] ?? Self.unknownID)
            englishWord.append(w)
        }
        let anchors = AlignmentTokenizer.anchors(arabic: arabic, english: english, arabicCore: coreIndex,
                                                 arabicSkeleton: { skeletons[$0] < 0 ? nil : mine.skeletons[Int(skeletons[$0])] })
        return Built(sentence: AlignmentSentence(source: source, target: target, anchors: anchors),
                     arabicWord: arabicWord, englishWord: englishWord)
    }

    /// This thread's words (a fresh, unkept set past `maximumThreads` threads), emptied
    /// when they reach `maximumWords`: only between units, since a unit's skeletons are
    /// read from the arena after its words are looked up.
    private func words() -> Words {
        let thread = UInt(pthread_self())
        lock.lock()
        var words = byThread[thread]
        if words == nil {
            words = Words()
            if byThread.count < Self.maximumThreads { byThread[thread] = words }
        }
        lock.unlock()
        let mine = words!
        if mine.words.count >= Self.maximumWords {
            mine.words.removeAll(keepingCapacity: true)
            mine.ids.removeAll(keepingCapacity: true)
            mine.skeletons.removeAll(keepingCapacity: true)
        }
        return mine
    }

    private func word(_ token: MatchToken, in words: Words) -> Words.Word {
        let key = KeyBytes(token.key)
        if let known = words.words[key] { return known }
        let split = tokenizer.computeSplit(token)
        var word = Words.Word(start: Int32(words.ids.count), count: Int32(split.parts.count), core: Int32(split.core), skeleton: -1)
        if let skeleton = NameSkeleton.arabic(split.parts[split.core]) {
            word.skeleton = Int32(words.skeletons.count)
            words.skeletons.append(skeleton)
        }
        words.ids.append(contentsOf: split.parts.map { ids[KeyBytes($0)] ?? Self.unknownID })
        words.words[key] = word
        return word
    }
}
