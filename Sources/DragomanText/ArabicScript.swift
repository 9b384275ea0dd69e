/// Character classes of the Arabic script that the tokenizer and the clitic analyzer
/// need. Swift exposes no script property, so the ranges are spelled out here.
public enum ArabicScript {
    /// A letter of the Arabic script (including presentation forms and tatweel).
    @inline(__always)
    public static func isLetter(_ v: UInt32) -> Bool {
        switch v {
        case 0x0620...0x064A, 0x066E, 0x066F, 0x0671...0x06D3, 0x06D5, 0x06EE, 0x06EF,
             0x06FA...0x06FC, 0x06FF, 0x0750...0x077F, 0x08A0...0x08C9,
             0xFB50...0xFDFF, 0xFE70...0xFEFC:
            return true
        default:
            return false
        }
    }

    /// A combining mark of the Arabic script (harakat, Quranic marks, dagger alef).
    @inline(__always)
    public static func isMark(_ v: UInt32) -> Bool {
        switch v {
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4,
             0x06E7, 0x06E8, 0x06EA...0x06ED, 0x08CA...0x08E1, 0x08E3...0x08FF:
            return true
        default:
            return false
        }
    }

    /// Whether `text` is mostly Arabic letters (more Arabic than Latin letters).
    public static func isMostlyArabic(_ text: some StringProtocol) -> Bool {
        var arabic = 0
        var latin = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if isLetter(v) { arabic += 1 } else if LatinScript.isLetter(v) { latin += 1 }
        }
        return arabic > latin
    }
}

/// Character classes of the Latin script.
public enum LatinScript {
    @inline(__always)
    public static func isLetter(_ v: UInt32) -> Bool {
        switch v {
        case 0x41...0x5A, 0x61...0x7A, 0xAA, 0xBA, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F,
             0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
            return true
        default:
            return false
        }
    }

    @inline(__always)
    public static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar.value) && scalar.properties.isUppercase
    }
}

extension Unicode.Scalar {
    /// A decimal digit of any script (ASCII, Arabic-Indic, Extended Arabic-Indic, …).
    @inline(__always)
    var isDecimalDigit: Bool {
        let v = value
        if v >= 0x30 && v <= 0x39 { return true }
        if v < 0x80 { return false }
        if (v >= 0x0660 && v <= 0x0669) || (v >= 0x06F0 && v <= 0x06F9) { return true }
        return properties.numericType == .decimal
    }

    /// The digit's value, in any script.
    @inline(__always)
    var decimalDigitValue: Int? {
        let v = value
        if v >= 0x30 && v <= 0x39 { return Int(v - 0x30) }
        if v >= 0x0660 && v <= 0x0669 { return Int(v - 0x0660) }
        if v >= 0x06F0 && v <= 0x06F9 { return Int(v - 0x06F0) }
        guard properties.numericType == .decimal, let n = properties.numericValue else { return nil }
        return Int(n)
    }
}
