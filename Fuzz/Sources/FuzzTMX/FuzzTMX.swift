import Foundation
import FuzzDriver
import DragomanFormats
import DragomanXML

/// The TMX reader (header, every unit, their segments and the mapping to translation
/// units) on any bytes: records or a `FormatError`/`XMLError`, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for policy in [ErrorPolicy.stopAtFirstError, .collectAndContinue] {
        let reader = TMXReader(bytes: bytes, errorPolicy: policy)
        do {
            _ = try reader.header()
            var count = 0
            while let unit = try reader.next() {
                _ = TMXMapping.unit(unit, origin: "fuzz")
                count += 1
                if count > 1_000_000 { fatalError("runaway reader") }
            }
        } catch is FormatError {
        } catch is XMLError {
        } catch {
            fatalError("untyped error \(type(of: error)): \(error)")
        }
        _ = reader.problems.map(\.description)
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
