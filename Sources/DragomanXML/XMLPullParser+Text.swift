/// Character data, CDATA sections, comments and processing instructions.
extension XMLPullParser {
    /// One text event: character data with any CDATA sections and unreported comments
    /// or processing instructions merged in. `nil` if nothing but skipped material was read.
    mutating func scanTextNode() throws -> XMLEvent? {
        var acc = scratch
        acc.removeAll(keepingCapacity: true)
        defer { scratch = acc }
        let startLine = line, startColumn = col + 1
        while true {
            try scanCharData(into: &acc)
            guard try peek() != nil, try markupContinuesText() else { break }
            if try lookingAt("<![CDATA[") {
                markToken()
                try consumeASCII(9)
                try scanCDATA(into: &acc)
            } else if !reportsComments, try lookingAt("<!--") {
                markToken()
                try consumeASCII(4)
                _ = try scanComment(report: false)
            } else if !reportsProcessingInstructions, try lookingAt("<?") {
                markToken()
                try consumeASCII(2)
                _ = try scanProcessingInstruction(report: false)
            } else {
                break
            }
        }
        guard !acc.isEmpty else { return nil }
        eventLine = startLine
        eventColumn = startColumn
        return .text(String(decoding: acc, as: UTF8.self))
    }

    /// Character data up to the next `<` (not consumed) or the end of input.
    mutating func scanCharData(into acc: inout [UInt8]) throws {
        var brackets = 0
        while true {
            if fastRun(stopLow: StopMask.textLow, stopHigh: StopMask.textHigh, into: &acc, keep: true) {
                brackets = 0
            }
            if acc.count > limits.maxTextLength {
                throw errorHere("text longer than \(limits.maxTextLength) bytes (Limits.maxTextLength)")
            }
            guard let b = try peek() else { return }
            switch b {
            case 0x3C /* < */:
                return
            case 0x26 /* & */:
                try consume()
                try appendReference(into: &acc)
                brackets = 0
            case 0x0D:
                try consume()
                acc.append(0x0A)
                brackets = 0
            case 0x0A:
                let afterCR = lastWasCR
                try consume()
                if !afterCR { acc.append(0x0A) }
                brackets = 0
            case 0x5D /* ] */:
                try consume()
                acc.append(b)
                brackets += 1
            case 0x3E /* > */:
                try consume()
                if brackets >= 2 { throw errorHere("']]>' is not allowed in text (write ]]&gt;)") }
                acc.append(b)
                brackets = 0
            default:
                try consume()
                acc.append(b)
                brackets = 0
            }
        }
    }

    /// After `<![CDATA[`: the content up to `]]>`, as text.
    mutating func scanCDATA(into acc: inout [UInt8]) throws {
        let openLine = tokLine
        while true {
            fastRun(stopLow: StopMask.cdataLow, stopHigh: StopMask.cdataHigh, into: &acc, keep: true)
            if acc.count > limits.maxTextLength {
                throw errorHere("text longer than \(limits.maxTextLength) bytes (Limits.maxTextLength)")
            }
            guard let b = try peek() else {
                throw errorAtNext("unterminated CDATA section (opened at line \(openLine)): missing ]]>")
            }
            switch b {
            case 0x5D /* ] */:
                if try lookingAt("]]>") {
                    try consumeASCII(3)
                    return
                }
                try consume()
                acc.append(b)
            case 0x0D:
                try consume()
                acc.append(0x0A)
            case 0x0A:
                let afterCR = lastWasCR
                try consume()
                if !afterCR { acc.append(0x0A) }
            default:
                try consume()
                acc.append(b)
            }
        }
    }

    /// After `<!--`: the comment up to `-->`. Returns an event only when reporting.
    mutating func scanComment(report: Bool) throws -> XMLEvent? {
        let openLine = tokLine, openColumn = tokCol
        var acc: [UInt8] = []
        while true {
            fastRun(stopLow: StopMask.commentLow, stopHigh: 0, into: &acc, keep: report)
            if acc.count > limits.maxTextLength {
                throw errorHere("comment longer than \(limits.maxTextLength) bytes (Limits.maxTextLength)")
            }
            guard let b = try peek() else {
                throw errorAtNext("unterminated comment (opened at line \(openLine)): missing -->")
            }
            switch b {
            case 0x2D /* - */:
                if try lookingAt("-->") {
                    try consumeASCII(3)
                    guard report else { return nil }
                    eventLine = openLine
                    eventColumn = openColumn
                    return .comment(String(decoding: acc, as: UTF8.self))
                }
                if try lookingAt("--") { throw errorAtNext("'--' is not allowed inside a comment") }
                try consume()
                if report { acc.append(b) }
            case 0x0D:
                try consume()
                if report { acc.append(0x0A) }
            case 0x0A:
                let afterCR = lastWasCR
                try consume()
                if report && !afterCR { acc.append(0x0A) }
            default:
                try consume()
                if report { acc.append(b) }
            }
        }
    }

    /// After `<?`: target and data up to `?>`. Returns an event only when reporting.
    mutating func scanProcessingInstruction(report: Bool) throws -> XMLEvent? {
        let openLine = tokLine, openColumn = tokCol
        var nameBytes: [UInt8] = []
        guard try scanName(into: &nameBytes) else {
            throw errorAtNext("a processing instruction '<?' must be followed by a target name")
        }
        let target = String(decoding: nameBytes, as: UTF8.self)
        if target.lowercased() == "xml" {
            throw errorAtToken("the XML declaration <?xml …?> is only allowed at the very start of the file")
        }
        var acc: [UInt8] = []
        if try lookingAt("?>") {
            try consumeASCII(2)
        } else {
            guard try skipSpace() else {
                throw errorAtNext("expected whitespace or '?>' after the processing instruction target \(target)")
            }
            while true {
                fastRun(stopLow: StopMask.piLow, stopHigh: 0, into: &acc, keep: report)
                if acc.count > limits.maxTextLength {
                    throw errorHere("processing instruction longer than \(limits.maxTextLength) bytes (Limits.maxTextLength)")
                }
                guard let b = try peek() else {
                    throw errorAtNext("unterminated processing instruction <?\(target) (opened at line \(openLine)): missing ?>")
                }
                if b == 0x3F /* ? */, try lookingAt("?>") {
                    try consumeASCII(2)
                    break
                }
                let afterCR = lastWasCR
                try consume()
                guard report else { continue }
                switch b {
                case 0x0D: acc.append(0x0A)
                case 0x0A: if !afterCR { acc.append(0x0A) }
                default: acc.append(b)
                }
            }
        }
        guard report else { return nil }
        eventLine = openLine
        eventColumn = openColumn
        return .processingInstruction(target: target, data: String(decoding: acc, as: UTF8.self))
    }
}
