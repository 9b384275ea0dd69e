import DragomanText
import Foundation

/// A streaming reader of tab- or comma-separated records, fed bytes in chunks of any size.
///
/// TSV has no quoting (a field cannot hold a tab or a line break); CSV follows RFC 4180:
/// a field in double quotes may hold commas, line breaks and doubled quotes (`""`).
/// Leniencies: a quote inside an unquoted field is kept as a character; CRLF and a lone
/// CR end a line like LF (Windows and old Mac files, or a mix, read like Unix ones; in a
/// quoted field each becomes LF); a UTF-8 BOM at the start is skipped; blank lines are
/// skipped (or reported as empty records with `reportsBlankLines`, for readers to whom a
/// blank line means something, such as the end of a document in a TM file). Every record
/// carries the line it starts on. Errors (`LineError`) name the line and byte offset: invalid
/// UTF-8, a NUL byte (a binary or UTF-16 file), a UTF-16 byte order mark, and a record
/// longer than `maxRecordBytes` (in CSV, usually a quoted field that is not closed).
public struct DelimitedParser: Sendable {
    public enum Dialect: String, Sendable, Hashable, CaseIterable {
        case tsv
        case csv

        var delimiter: UInt8 { self == .tsv ? 0x09 : 0x2C }
    }

    public struct Record: Sendable, Hashable {
        public var fields: [String]
        /// 1-based line the record starts on.
        public var line: Int
    }

    enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// Longest record accepted, in bytes, so that a file without line breaks (or with an
    /// unclosed quote) cannot fill memory.
    public static let maxRecordBytes = 1 << 20

    /// This parser's limit (`maxRecordBytes` unless the reader needs longer records).
    public let recordLimit: Int

    public let dialect: Dialect
    /// Blank lines come out as records with no fields.
    public let reportsBlankLines: Bool
    private let delimiter: UInt8
    /// Bytes consumed so far (the offset of the next byte).
    private var offset = 0
    private var afterCR = false
    private var recordBytes = 0
    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var line = 1
    private var recordLine = 1
    private var started = false
    private var bomCheck: [UInt8] = []

    public init(dialect: Dialect, reportsBlankLines: Bool = false, recordLimit: Int = DelimitedParser.maxRecordBytes) {
        self.recordLimit = recordLimit
        self.dialect = dialect
        self.reportsBlankLines = reportsBlankLines
        delimiter = dialect.delimiter
    }

    /// The records completed by `bytes`.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [Record] {
        var out: [Record] = []
        try feed(bytes, into: &out)
        return out
    }

    /// Appends the records completed by `bytes` to `out`; the records before a problem are
    /// appended before it is thrown.
    public mutating func feed(_ bytes: some Sequence<UInt8>, into out: inout [Record]) throws {
        // TSV has no quoting: once past the byte order mark, runs of ordinary bytes are
        // copied into the field at once (the TM import reads 100 MB files this way).
        if dialect == .tsv && started {
            let done: Void?? = try bytes.withContiguousStorageIfAvailable { buffer in
                try feedTSV(buffer, into: &out)
            }
            if done != nil { return }
        }
        for b in bytes {
            if !started {
                // Hold the first three bytes back to skip a BOM.
                bomCheck.append(b)
                if bomCheck.count < 3 { continue }
                started = true
                let held = bomCheck
                bomCheck = []
                try Self.refuseUTF16(held)
                if held != [0xEF, 0xBB, 0xBF] {
                    for h in held { try consume(h, into: &out) }
                }
                continue
            }
            try consume(b, into: &out)
        }
    }

    /// The TSV fast path: ordinary bytes (not tab, LF, CR or NUL) in runs; every other
    /// byte through `consume`, which keeps lines, limits and errors as for any byte.
    private mutating func feedTSV(_ p: UnsafeBufferPointer<UInt8>, into out: inout [Record]) throws {
        var i = 0
        let n = p.count
        while i < n {
            var j = i
            while j < n {
                let b = p[j]
                if b == 0x09 || b == 0x0A || b == 0x0D || b == 0 { break }
                j += 1
            }
            if j > i {
                let run = j - i
                if recordBytes + run > recordLimit {
                    // Let `consume` reach the limit byte by byte and report it.
                    for k in i..<j { try consume(p[k], into: &out) }
                } else {
                    field.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<j]))
                    offset += run
                    recordBytes += run
                    afterCR = false
                    if state == .fieldStart { state = .unquoted }
                }
            }
            if j < n { try consume(p[j], into: &out) }
            i = j + 1
        }
    }

    /// The last record, when the input does not end with a line break.
    public mutating func finish() throws -> [Record] {
        var out: [Record] = []
        try finish(into: &out)
        return out
    }

    /// Appends the last record (when the input does not end with a line break) to `out`.
    public mutating func finish(into out: inout [Record]) throws {
        if !started {
            started = true
            let held = bomCheck
            bomCheck = []
            try Self.refuseUTF16(held)
            for h in held { try consume(h, into: &out) }
        }
        if state == .quoted {
            throw LineError(line: recordLine, reason: "a quoted field is not closed (a \" is missing)")
        }
        if state != .fieldStart || !field.isEmpty || !fields.isEmpty {
            try endRecord(into: &out)
        }
    }

    /// A UTF-16 byte order mark at the start: say so, and how to convert.
    private static func refuseUTF16(_ start: [UInt8]) throws {
        guard start.count >= 2, (start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF) else { return }
        throw LineError(line: 1, byteOffset: 0, reason: "the file is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8: convert it with `iconv -f UTF-16 -t UTF-8` and try again")
    }

    @inline(__always)
    private mutating func consume(_ byte: UInt8, into out: inout [Record]) throws {
        offset += 1
        var b = byte
        if b == 0x0D {
            // CR and CRLF end a line like LF.
            afterCR = true
            b = 0x0A
        } else if afterCR {
            afterCR = false
            if b == 0x0A { return }
        }
        if b == 0 {
            throw LineError(line: line, byteOffset: offset - 1, reason: "a NUL byte (field \(fields.count + 1)): this is a binary file or UTF-16 text, not UTF-8; save it as UTF-8 (or convert it with `iconv -f UTF-16 -t UTF-8`) and try again")
        }
        recordBytes += 1
        if recordBytes > recordLimit {
            let what = state == .quoted
                ? "a quoted field is probably not closed (a \" is missing)"
                : "is this a \(dialect.rawValue.uppercased()) file with one record a line?"
            throw LineError(line: recordLine, byteOffset: offset - 1, reason: "the record starting here is longer than \(recordLimit >> 20) MB: \(what)")
        }
        switch state {
        case .fieldStart:
            if b == 0x22 && dialect == .csv {
                state = .quoted
                return
            }
            state = .unquoted
            try unquoted(b, into: &out)
        case .unquoted:
            try unquoted(b, into: &out)
        case .quoted:
            if b == 0x22 {
                state = .quoteInQuoted
            } else {
                if b == 0x0A { line += 1 }
                field.append(b)
            }
        case .quoteInQuoted:
            if b == 0x22 {
                field.append(0x22)
                state = .quoted
            } else if b == delimiter {
                try endField()
            } else if b == 0x0A {
                try endLine(into: &out)
            } else {
                field.append(b)
                state = .unquoted
            }
        }
    }

    @inline(__always)
    private mutating func unquoted(_ b: UInt8, into out: inout [Record]) throws {
        if b == delimiter {
            try endField()
        } else if b == 0x0A {
            try endLine(into: &out)
        } else {
            field.append(b)
        }
    }

    private mutating func endField() throws {
        guard let s = String(validating: field, as: UTF8.self) else {
            throw LineError(line: line, byteOffset: offset - 1 - field.count,
                            reason: "not valid UTF-8 (field \(fields.count + 1)): save the file as UTF-8 and try again")
        }
        fields.append(s)
        field.removeAll(keepingCapacity: true)
        state = .fieldStart
    }

    /// A line end outside quotes: the record ends, the next starts on the next line.
    private mutating func endLine(into out: inout [Record]) throws {
        try endRecord(into: &out)
        line += 1
        recordLine = line
    }

    private mutating func endRecord(into out: inout [Record]) throws {
        recordBytes = 0
        try endField()
        let isBlank = fields.count == 1 && fields[0].allSatisfy { $0 == " " }
        if !isBlank {
            out.append(Record(fields: fields, line: recordLine))
        } else if reportsBlankLines {
            out.append(Record(fields: [], line: recordLine))
        }
        fields.removeAll(keepingCapacity: true)
    }
}

/// Writes one field of a TSV or CSV file.
public enum DelimitedField {
    /// TSV cannot quote: tabs and line breaks become spaces. CSV quotes a field that holds
    /// a comma, quote, line break, or space at either end, doubling its quotes.
    public static func escape(_ value: String, dialect: DelimitedParser.Dialect) -> String {
        switch dialect {
        case .tsv:
            guard value.contains(where: { $0 == "\t" || $0.isNewline }) else { return value }
            return String(value.map { $0 == "\t" || $0.isNewline ? " " : $0 })
        case .csv:
            let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0.isNewline }
                || value.first == " " || value.last == " "
            guard needsQuotes else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }
}
