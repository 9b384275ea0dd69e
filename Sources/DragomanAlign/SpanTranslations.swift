/// What the units holding a span of a query could translate it by: the evaluation's
/// ceiling on right-coverage (`dragoman-eval fragments`). A method that proposes TM
/// fragments for the spans the finder admits can be right on a word only where one of
/// these is; how often that is says how far the finder's choice is from the best choice
/// the TM allows, and how far the data is from a coverage goal.
public struct SpanTranslations: Sendable {
    /// The span, in UTF-16 code units of the query.
    public var range: Range<Int>
    /// The translations the units' links project it onto (what the finder chooses among).
    public var projections: [String]
    /// Every word sequence of a unit's target at most two words longer than the span, and
    /// whether it touches a target word linked to the span.
    public var sequences: [(text: String, touchesLinks: Bool)]
}
