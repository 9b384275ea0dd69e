extension String {
    /// Leading and trailing white space (including line ends) removed. Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString on Linux and dominated TBX import
    /// time; this returns the string untouched in the common case.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return self }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
