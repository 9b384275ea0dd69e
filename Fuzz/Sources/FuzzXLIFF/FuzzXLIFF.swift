import Foundation
import FuzzDriver
import DragomanDocuments
import DragomanXML

/// Merging an XLIFF file back into text, on any bytes: a result or a
/// `DocumentError`/`XMLError`, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let result = try XLIFFMerger().merge(bytes: bytes)
        if result.translatedCount > result.segmentCount { fatalError("more translated than segments: \(result)") }
    } catch is DocumentError {
    } catch is XMLError {
    } catch {
        fatalError("untyped error \(type(of: error)): \(error)")
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
