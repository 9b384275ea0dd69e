import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Output to a file or stdout. A file is written to a temporary name beside it and
/// renamed at the end, so a failed or killed run never leaves a half file under the
/// final name.
enum OutputFile {
    static func write(to path: String?, _ body: (_ sink: (String) -> Void) throws -> Void) throws {
        guard let path, path != "-" else {
            try body { print($0, terminator: "") }
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            throw DragomanError(code: .cannotWrite, message: "\(path): cannot write here (check the folder exists and is writable)")
        }
        var buffer = Data()
        do {
            try body { text in
                buffer.append(contentsOf: text.utf8)
                if buffer.count > 1 << 20 {
                    handle.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            handle.write(buffer)
            try handle.synchronize()
            try handle.close()
            try replace(url, with: temporary, path: path)
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            if error is DragomanError { throw error }
            throw DragomanError(code: .cannotWrite, message: "\(path): \(error.localizedDescription)")
        }
    }
}

extension OutputFile {
    /// Moves a finished temporary file over `url`: rename(2) replaces an existing file
    /// atomically (Foundation's replaceItemAt fails on Linux when the file exists).
    static func replace(_ url: URL, with temporary: URL, path: String) throws {
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw DragomanError(code: .cannotWrite, message: "\(path): cannot replace the file (\(reason))")
        }
    }
}

/// Progress of long work on stderr, for a person at a terminal only.
final class Progress {
    let label: String
    let enabled: Bool
    var last = Date.distantPast

    init(label: String, enabled: Bool = true) {
        self.label = label
        self.enabled = enabled && Terminal.stderrIsTerminal
    }

    func update(_ done: Int) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        Terminal.writeStderr("\r\(label): \(done)…")
    }

    /// Shows the step under way (for work counted in steps rather than items).
    func note(_ step: String) {
        guard enabled else { return }
        Terminal.writeStderr("\r\u{1B}[K\(label): \(step)…")
    }

    func finish() {
        if enabled { Terminal.writeStderr("\r\u{1B}[K") }
    }
}
