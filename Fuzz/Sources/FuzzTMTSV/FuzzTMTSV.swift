import Foundation
import FuzzDriver
import DragomanFormats
import DragomanText

/// A TSV/CSV translation-memory file as `tm import` reads it: strict decoding, then every
/// pair, with and without --skip-bad. A `TextDecodingError`, units, or a line error;
/// never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text: String
    do {
        text = try TextDecoding.decode(bytes)
    } catch is TextDecodingError {
        return 0
    } catch {
        fatalError("untyped error \(type(of: error)): \(error)")
    }
    for format in [TMFileFormat.tsv, .csv] {
        for skipBad in [false, true] {
            var reader = DelimitedPairsReader(text: text, format: format, file: "fuzz", origin: nil, skipBad: skipBad)
            var count = 0
            while let unit = reader.next() {
                if unit.arabic.isEmpty || unit.english.isEmpty { fatalError("empty segment in \(unit)") }
                count += 1
            }
            // With --skip-bad a bad line is skipped; only a broken file (an unclosed quote,
            // a NUL byte, an over-long record) stops the reader, with its line.
            if let error = reader.error, error.line < 1 { fatalError("an error without a line: \(error)") }
            _ = reader.error?.description
        }
    }
    return 0
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
