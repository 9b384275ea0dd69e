import Foundation
import FuzzDriver
import DragomanApp
import DragomanFormats
import DragomanGlossary
import DragomanText

/// A glossary TSV/CSV file as `glossary import` reads it: the streaming record parser fed
/// in chunks, the header, and every row through the batcher. Records or a typed error,
/// never a trap; and the records do not depend on where the chunks end.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for dialect in DelimitedParser.Dialect.allCases {
        let whole = parse(bytes, dialect: dialect, chunk: .max)
        let chunk = size == 0 ? 1 : Int(bytes[0] % 5) + 1
        let split = parse(bytes, dialect: dialect, chunk: chunk)
        // A failure ends the import, so only the failure itself must agree (records
        // completed earlier in the same `feed` call are not returned).
        if whole.failure != split.failure || (whole.failure == nil && whole.records != split.records) {
            fatalError("chunk size \(chunk) changes the records: \(String(describing: whole).prefix(2000)) vs \(String(describing: split).prefix(2000))")
        }
        for hasHeader in [true, false] {
            for skipBad in [false, true] {
                importRows(whole.records, hasHeader: hasHeader, skipBad: skipBad)
            }
        }
    }
    return 0
}

func parse(_ bytes: [UInt8], dialect: DelimitedParser.Dialect, chunk: Int) -> (records: [DelimitedParser.Record], failure: LineError?) {
    var parser = DelimitedParser(dialect: dialect)
    var records: [DelimitedParser.Record] = []
    do {
        var i = 0
        while i < bytes.count {
            let end = i + min(chunk, bytes.count - i)
            records += try parser.feed(bytes[i..<end])
            i = end
        }
        records += try parser.finish()
        return (records, nil)
    } catch let failure as LineError {
        return (records, failure)
    } catch {
        fatalError("untyped error \(type(of: error)): \(error)")
    }
}

func importRows(_ records: [DelimitedParser.Record], hasHeader: Bool, skipBad: Bool) {
    let batcher = GlossaryBatcher(skipBad: skipBad, workers: 1)
    var columns: GlossaryColumns? = hasHeader ? nil : .headerless
    do {
        for record in records {
            guard let cols = columns else {
                guard let found = GlossaryColumns(header: record.fields) else { return }
                columns = found
                continue
            }
            _ = try batcher.add(record, columns: cols)
        }
        _ = try batcher.finish()
    } catch is ImportFailure {
    } catch is ImportProblem {
    } catch {
        fatalError("untyped error \(type(of: error)): \(error)")
    }
}

@main
enum FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
        exit(status)
    }
}
