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

    private struct ArabicWord {
        var ids: [Int32]
        var core: Int
        var skeleton: String?
    }

    private let tokenizer: AlignmentTokenizer
    private let ids: [KeyBytes: Int32]
    private let numberID: Int32
    private let lock = NSLock()
    private var words: [KeyBytes: ArabicWord] = [:]

    /// `ids` are the model's word ids (both languages in one space, keyed by alignment
    /// token); `tokenizer` splits Arabic words as learning did.
    public init(tokenizer: AlignmentTokenizer, ids: [KeyBytes: Int32]) {
        self.tokenizer = tokenizer
        self.ids = ids
        numberID = ids[KeyBytes(AlignmentTokenizer.numberToken)] ?? Self.unknownID
    }

    public func build(arabic: [MatchToken], english: [MatchToken]) -> Built {
        var source: [Int32] = [], arabicWord: [Int] = []
        source.reserveCapacity(arabic.count * 3 / 2)
        arabicWord.reserveCapacity(arabic.count * 3 / 2)
        var coreIndex: [Int] = []
        coreIndex.reserveCapacity(arabic.count)
        var skeletons: [String?] = []
        skeletons.reserveCapacity(arabic.count)
        for (w, token) in arabic.enumerated() {
            if token.number != nil {
                coreIndex.append(source.count)
                source.append(numberID)
                arabicWord.append(w)
                skeletons.append(nil)
                continue
            }
            let word = self.word(token)
            coreIndex.append(source.count + word.core)
            source.append(contentsOf: word.ids)
            for _ in word.ids { arabicWord.append(w) }
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
                                                 arabicSkeleton: { skeletons[$0] })
        return Built(sentence: AlignmentSentence(source: source, target: target, anchors: anchors),
                     arabicWord: arabicWord, englishWord: englishWord)
    }

    private func word(_ token: MatchToken) -> ArabicWord {
        let key = KeyBytes(token.key)
        lock.lock()
        let known = words[key]
        lock.unlock()
        if let known { return known }
        let split = tokenizer.computeSplit(token)
        let word = ArabicWord(ids: split.parts.map { ids[KeyBytes($0)] ?? Self.unknownID }, core: split.core,
                              skeleton: NameSkeleton.arabic(split.parts[split.core]))
        lock.lock()
        if words.count < 1_000_000 { words[key] = word }
        lock.unlock()
        return word
    }
}
