import DragomanAlign
import DragomanApp
import DragomanFormats
import DragomanText
import Foundation
import Hummingbird

/// `/align`: two texts → their sentence pairs with confidence (each as a line of `align
/// --format json`), and `/align/confirm`: the pairs the translator confirmed (after
/// joining, splitting or unpairing) stored in the TM with their neighbours as context.
enum AlignRoutes: RouteSet {
    static func add(read: Group, write: Group, services: ServerServices) {
        let workspace = services.workspace

        read.post("align") { request, context in
            struct Body: Decodable {
                var arabic: String
                var english: String
                var layout: String?
                var minConfidence: Double?
            }
            let body = try await RequestInput(request, context).json(Body.self)
            let layout = try FieldValue.layout(body.layout)
            let minimum = body.minConfidence ?? 0.9
            guard (0...1).contains(minimum) else { throw Failure.usage("minConfidence takes 0 to 1") }
            let document = try await Blocking.run {
                try ArticleAlignment.align(arabic: (body.arabic.replacingCRLF(), "arabic"), english: (body.english.replacingCRLF(), "english"),
                                           layout: layout, glossary: workspace.glossary)
            }
            return try Responses.json(AlignmentJSON(document, minConfidence: minimum))
        }

        write.post("align/confirm") { request, context in
            struct Body: Decodable {
                var pairs: [AlignmentConfirmation.Pair]
                var origin: String
            }
            let body = try await RequestInput(request, context).json(Body.self)
            let creator = context.user?.name
            let counts = try await Blocking.run {
                try AlignmentConfirmation.store(body.pairs, origin: body.origin, creator: creator, in: workspace)
            }
            return try Responses.json(counts, status: counts.added > 0 ? .created : .ok)
        }
    }
}

/// The aligner's answer: every bead as `align --format json` prints it, whether it is
/// above the confidence a pair needs to be stored without review, and the counts.
struct AlignmentJSON: Encodable {
    struct Bead: Encodable {
        var bead: AlignmentExport.JSONBead
        var needsReview: Bool

        func encode(to encoder: any Encoder) throws {
            try bead.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(needsReview, forKey: .needsReview)
        }
        enum CodingKeys: String, CodingKey { case needsReview }
    }
    var arabicSentences: Int
    var englishSentences: Int
    var minConfidence: Double
    var pairs: [Bead]

    init(_ document: DocumentAlignment, minConfidence: Double) {
        arabicSentences = document.arabic.count
        englishSentences = document.english.count
        self.minConfidence = minConfidence
        pairs = document.beads.map {
            Bead(bead: AlignmentExport.jsonBead($0, in: document), needsReview: !$0.move.isPair || $0.confidence < minConfidence)
        }
    }
}
