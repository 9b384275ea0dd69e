import DragomanGlossary
import DragomanText

/// The glossary's terms in the translation: a source term (found as `term find` finds it:
/// clitics, spellings) whose entry has terms in the target language wants one of them
/// (or its plural or possessive) in the target; a deprecated or forbidden term in the
/// target is an error naming the preferred one.
struct GlossaryCheck {
    let glossary: any GlossaryStore
    /// Entries of this domain only (nil: all).
    let domain: String?
    /// Whether to look for source terms the target leaves out (warnings only).
    var missingTerms = true

    func findings(_ pair: QAPair) throws -> [QAFinding] {
        var out: [QAFinding] = []
        let targetHits = try glossary.find(in: pair.target)
        let sourceLanguage = pair.sourceLanguage, targetLanguage = pair.sourceLanguage.other
        // Discouraged terms in the target, whatever the source says.
        for hit in targetHits where hit.term.language == targetLanguage && hit.term.status.isDiscouraged && inDomain(hit.entry) {
            let preferred = hit.entry.terms(in: targetLanguage).first { !$0.status.isDiscouraged }
            out.append(QAFinding(unitID: pair.id, severity: .error, check: .glossary, rule: "\(hit.term.status.rawValue)-term",
                                 message: "«\(hit.surface)» is a \(hit.term.status.rawValue) term (glossary entry \(hit.entry.id))"
                                    + (preferred.map { ": use «\($0.text)»" } ?? "")))
        }
        guard missingTerms else { return out }
        let found = Set(targetHits.filter { $0.term.language == targetLanguage && !$0.term.status.isDiscouraged }.map(\.entry.id))
        var reported = Set<Int64>()
        for hit in try glossary.find(in: pair.source)
        where hit.term.language == sourceLanguage && !hit.lowConfidence && !hit.term.status.isDiscouraged && inDomain(hit.entry) {
            let wanted = hit.entry.terms(in: targetLanguage).filter { !$0.status.isDiscouraged }
            guard !wanted.isEmpty, !found.contains(hit.entry.id), reported.insert(hit.entry.id).inserted else { continue }
            // Homographs (عمان: Amman or Oman): any of the alternatives' translations will do.
            if hit.alternatives.contains(where: { found.contains($0.entry.id) }) { continue }
            let shown = wanted.prefix(3).map { "«\($0.text)»" }.joined(separator: " or ")
            out.append(QAFinding(unitID: pair.id, severity: .warning, check: .glossary, rule: "missing-term",
                                 message: "«\(hit.surface)» (glossary entry \(hit.entry.id)) is not translated as the glossary says: expected \(shown)"))
        }
        return out
    }

    func inDomain(_ entry: GlossaryEntry) -> Bool {
        guard let domain else { return true }
        return entry.domain?.caseInsensitiveCompare(domain) == .orderedSame
    }
}
