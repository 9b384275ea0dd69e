import DragomanText
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Output to a file or standard output. A file is written to a temporary name beside it
/// and renamed at the end, so a failed or killed run never leaves a half file under the
/// final name; every failure is "cannot write" (74) naming the path.
public enum OutputFile {
    /// Runs `body` with a handle to write to: standard output for nil or "-", else a
    /// temporary file renamed over `path` when `body` returns.
    public static func write(to path: String?, _ body: (FileHandle) throws -> Void) throws {
        guard let path, path != "-" else {
            try body(FileHandle.standardOutput)
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            throw Failure.cannotWrite("\(path): cannot write here (check the folder exists and is writable)")
        }
        do {
            try body(handle)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else {
                throw Failure.cannotWrite("\(path): cannot replace the file (\(String(cString: strerror(errno))))")
            }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            if error is DragomanFailure { throw error }
            throw Failure.cannotWrite("\(path): \(error.localizedDescription)")
        }
    }

    /// As `write(to:_:)`, for output made of strings: `body` gets a sink, buffered in 1 MB
    /// writes.
    public static func writeText(to path: String?, _ body: (_ sink: (String) -> Void) throws -> Void) throws {
        try write(to: path) { handle in
            var buffer = Data()
            try body { text in
                buffer.append(contentsOf: text.utf8)
                if buffer.count > 1 << 20 {
                    handle.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            handle.write(buffer)
        }
    }
}
