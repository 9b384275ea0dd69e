extension String {
    /// The part of the string at `range`, in UTF-16 code units (the offsets Dragoman's
    /// tokens, fragments and JSON carry); empty when the range does not fit.
    public func utf16Slice(_ range: Range<Int>) -> String {
        let u = utf16
        guard range.lowerBound >= 0,
              let lo = u.index(u.startIndex, offsetBy: range.lowerBound, limitedBy: u.endIndex),
              let hi = u.index(u.startIndex, offsetBy: range.upperBound, limitedBy: u.endIndex), lo <= hi else { return "" }
        return String(self[lo..<hi])
    }
}
