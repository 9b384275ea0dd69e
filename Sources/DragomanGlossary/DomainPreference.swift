extension TermHit {
    /// The hit with an entry of `domain` first: when the words match a term of an entry in
    /// `domain` among the alternatives (a homograph, or the same term in a general
    /// dictionary and a newsroom's termbase), that entry becomes the hit and the other one
    /// an alternative. A hit with no such entry is left as it is.
    public func preferring(domain: String) -> TermHit {
        func inDomain(_ entry: GlossaryEntry) -> Bool {
            entry.domain?.caseInsensitiveCompare(domain) == .orderedSame
        }
        guard !inDomain(entry), let i = alternatives.firstIndex(where: { inDomain($0.entry) }) else { return self }
        var hit = self
        let chosen = alternatives[i]
        hit.alternatives.remove(at: i)
        hit.alternatives.insert(Alternative(entry: entry, term: term, kind: kind), at: 0)
        hit.entry = chosen.entry
        hit.term = chosen.term
        hit.kind = chosen.kind
        return hit
    }
}

extension Array where Element == TermHit {
    /// Every hit with `domain` first (`TermHit.preferring(domain:)`); with `only`, the hits
    /// that have no entry of `domain` are left out.
    public func preferring(domain: String?, only: Bool = false) -> [TermHit] {
        guard let domain else { return self }
        let preferred = map { $0.preferring(domain: domain) }
        return only ? preferred.filter { $0.entry.domain?.caseInsensitiveCompare(domain) == .orderedSame } : preferred
    }
}
