import Foundation
import FuzzDriver
import DragomanXML

/// The pull parser on any bytes: it returns events or throws `XMLError`, never traps,
/// and gives the same events and the same error whatever the chunk boundaries are.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = events(MemoryByteSource(bytes), reportAll: true)
    let chunk = size == 0 ? 1 : Int(bytes[size - 1] % 7) + 1
    let split = events(MemoryByteSource(bytes, chunkSize: chunk), reportAll: true)
    if whole.events != split.events || whole.error != split.error {
        fatalError("chunk size \(chunk) changes the parse: \(whole) vs \(split)")
    }
    // Tight limits reach the limit checks.
    let limits = XMLPullParser.Limits(maxDepth: 4, maxNameLength: 8, maxAttributesPerElement: 3, maxTextLength: 64)
    var parser = XMLPullParser(source: MemoryByteSource(bytes, chunkSize: 5), limits: limits)
    do { while try parser.next() != nil {} } catch is XMLError {} catch { fatalError("untyped error \(error)") }
    return 0
}

func events(_ source: MemoryByteSource, reportAll: Bool) -> (events: [XMLEvent], error: XMLError?) {
    var parser = XMLPullParser(source: source, reportsComments: reportAll, reportsProcessingInstructions: reportAll)
    var out: [XMLEvent] = []
    do {
        while let event = try parser.next() {
            // Adjacent text may be reported in pieces; compare it joined.
            if case .text(let t) = event, case .text(let previous)? = out.last {
                out[out.count - 1] = .text(previous + t)
            } else {
                out.append(event)
            }
            if out.count > 1_000_000 { fatalError("runaway event stream") }
        }
        return (out, nil)
    } catch let error as XMLError {
        return (out, error)
    } catch {
        fatalError("untyped error \(error)")
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
