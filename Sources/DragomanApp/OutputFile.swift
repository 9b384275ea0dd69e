import DragomanText
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Output to a file or standard output, by one rule for every file Dragoman writes:
///
/// - "-" (or no path) is standard output;
/// - a regular file, or a path where nothing is yet, is written to a temporary file beside
///   it, renamed over it only when complete: a failed or killed run never leaves a half
///   file under the final name (a replaced file keeps its permission bits);
/// - a symbolic link is followed, and its target written by the same rule (the temporary
///   file beside the *target*), so the link stays a link;
/// - a character device (`/dev/null`, a terminal), a FIFO or a Unix socket is written in
///   place: never renamed over, never replaced by a regular file;
/// - a folder or a block device is refused.
///
/// Every failure is "cannot write" (74) naming the path.
public enum OutputFile {
    /// Where the output for a path goes.
    enum Destination: Equatable {
        /// A regular file (`mode`: its permission bits) or nothing yet (`mode` nil): a
        /// temporary file beside `path`, renamed over it.
        case file(path: String, mode: mode_t?)
        /// A character device, FIFO or socket, written in place through `path`.
        case stream(path: String, isSocket: Bool)
    }

    /// Runs `body` with a handle to write to: standard output for nil or "-", else the
    /// destination of `path` (see the rule above).
    public static func write(to path: String?, _ body: (FileHandle) throws -> Void) throws {
        guard let path, path != "-" else {
            try body(FileHandle.standardOutput)
            return
        }
        switch try destination(of: path) {
        case .file(let target, let mode):
            let (temporary, descriptor) = try createTemporary(beside: target, shownAs: path, mode: mode)
            var isOpen = true
            do {
                try body(FileHandle(fileDescriptor: descriptor, closeOnDealloc: false))
                guard fsync(descriptor) == 0 else { throw Failure.cannotWrite("\(path): \(lastError())") }
                isOpen = false
                try replace(target, with: temporary, descriptor: descriptor, shownAs: path)
            } catch {
                if isOpen { close(descriptor) }
                unlink(temporary)
                throw cannotWrite(error, path)
            }
        case .stream(let target, let isSocket):
            let descriptor = try openStream(target, isSocket: isSocket, shownAs: path)
            defer { close(descriptor) }
            do {
                try body(FileHandle(fileDescriptor: descriptor, closeOnDealloc: false))
            } catch {
                throw cannotWrite(error, path)
            }
        }
    }

    /// As `write(to:_:)`, for output made of strings: `body` gets a sink, buffered in 1 MB
    /// writes.
    public static func writeText(to path: String?, _ body: (_ sink: (String) -> Void) throws -> Void) throws {
        try write(to: path) { handle in
            var buffer = Data()
            var failure: Error?
            try body { text in
                guard failure == nil else { return }
                buffer.append(contentsOf: text.utf8)
                if buffer.count > 1 << 20 {
                    do { try handle.write(contentsOf: buffer) } catch { failure = error }
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if let failure { throw failure }
            try handle.write(contentsOf: buffer)
        }
    }

    /// For output that a writer makes as a whole file at a path of its own (SQLite's
    /// backup): `make` fills the empty file at the path it is given. By the same rule, that
    /// file is renamed over a regular file or a new one, or, for a character device, FIFO
    /// or socket, made in the temporary folder, copied into it and removed.
    public static func writeFile(to path: String, _ make: (_ temporaryPath: String) throws -> Void) throws {
        switch try destination(of: path) {
        case .file(let target, let mode):
            let (temporary, descriptor) = try createTemporary(beside: target, shownAs: path, mode: mode)
            close(descriptor)
            do {
                try make(temporary)
                let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw Failure.cannotWrite("\(path): \(lastError())") }
                if let mode { fchmod(descriptor, mode) }
                guard fsync(descriptor) == 0 else {
                    let reason = lastError()
                    close(descriptor)
                    throw Failure.cannotWrite("\(path): \(reason)")
                }
                try replace(target, with: temporary, descriptor: descriptor, shownAs: path)
            } catch {
                unlink(temporary)
                throw cannotWrite(error, path)
            }
        case .stream(let target, let isSocket):
            let folder = FileManager.default.temporaryDirectory.path
            let (temporary, descriptor) = try createTemporary(beside: (folder as NSString).appendingPathComponent("dragoman-output"),
                                                              shownAs: path, mode: nil)
            close(descriptor)
            defer { unlink(temporary) }
            do {
                try make(temporary)
                guard let input = FileHandle(forReadingAtPath: temporary) else {
                    throw Failure.cannotWrite("\(path): the temporary copy \(temporary) cannot be read")
                }
                defer { try? input.close() }
                let output = try openStream(target, isSocket: isSocket, shownAs: path)
                defer { close(output) }
                let handle = FileHandle(fileDescriptor: output, closeOnDealloc: false)
                while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                    try handle.write(contentsOf: chunk)
                }
            } catch {
                throw cannotWrite(error, path)
            }
        }
    }

    // MARK: The rule

    /// Where output for `path` goes: symbolic links followed, folders and block devices
    /// refused.
    static func destination(of path: String) throws -> Destination {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return .file(path: path, mode: nil) }
            throw Failure.cannotWrite("\(path): \(lastError())")
        }
        if info.st_mode & S_IFMT != S_IFLNK { return try destination(path, info, shownAs: path) }
        // A link: what it finally points to decides. A device, FIFO or socket is opened
        // through the link (the kernel follows it, /dev/stdout included); a regular file
        // or a missing one is replaced or created where the link points.
        if stat(path, &info) == 0 {
            if info.st_mode & S_IFMT != S_IFREG { return try destination(path, info, shownAs: path) }
        } else if errno != ENOENT {
            throw Failure.cannotWrite("\(path): \(lastError())")
        }
        let target = try linkTarget(path)
        guard lstat(target, &info) == 0 else {
            if errno == ENOENT { return .file(path: target, mode: nil) }
            throw Failure.cannotWrite("\(path): \(target): \(lastError())")
        }
        return try destination(target, info, shownAs: path)
    }

    private static func destination(_ path: String, _ info: stat, shownAs shown: String) throws -> Destination {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(path: path, mode: info.st_mode & 0o7777)
        case S_IFCHR, S_IFIFO: return .stream(path: path, isSocket: false)
        case S_IFSOCK: return .stream(path: path, isSocket: true)
        case S_IFDIR: throw Failure.cannotWrite("\(shown): is a folder; give a file name")
        case S_IFBLK: throw Failure.cannotWrite("\(shown): is a block device; Dragoman does not write to one")
        default: throw Failure.cannotWrite("\(shown): is not a file Dragoman can write")
        }
    }

    /// The path a chain of symbolic links ends at (which may not exist).
    private static func linkTarget(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count >= 0 else { throw Failure.cannotWrite("\(path): \(lastError())") }
            let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/")
                ? target : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
        }
        throw Failure.cannotWrite("\(path): too many levels of symbolic links")
    }

    /// A new, empty file beside `target` (".NAME.tmp-PID-RANDOM"), created exclusively: never
    /// a file or link already there.
    private static func createTemporary(beside target: String, shownAs shown: String,
                                        mode: mode_t?) throws -> (path: String, descriptor: Int32) {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        for _ in 0..<100 {
            let name = ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let temporary = (folder as NSString).appendingPathComponent(name)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode ?? 0o666)
            if descriptor >= 0 {
                if let mode { fchmod(descriptor, mode) }
                return (temporary, descriptor)
            }
            if errno != EEXIST { break }
        }
        throw Failure.cannotWrite("\(shown): cannot write here (\(lastError()); check the folder exists and is writable)")
    }

    /// Closes the complete temporary file and renames it over `target`.
    private static func replace(_ target: String, with temporary: String, descriptor: Int32, shownAs shown: String) throws {
        guard close(descriptor) == 0 else { throw Failure.cannotWrite("\(shown): \(lastError())") }
        guard rename(temporary, target) == 0 else {
            throw Failure.cannotWrite("\(shown): cannot replace the file (\(lastError()))")
        }
    }

    /// Opens a character device or FIFO for writing (a FIFO waits for its reader), or
    /// connects to a Unix stream socket.
    private static func openStream(_ path: String, isSocket: Bool, shownAs shown: String) throws -> Int32 {
        guard isSocket else {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw Failure.cannotWrite("\(shown): \(lastError())") }
            return descriptor
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure.cannotWrite("\(shown): \(lastError())") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else {
            close(descriptor)
            throw Failure.cannotWrite("\(shown): the socket path is longer than \(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let reason = lastError()
            close(descriptor)
            throw Failure.cannotWrite("\(shown): cannot connect to the socket (\(reason))")
        }
        return descriptor
    }

    private static func cannotWrite(_ error: Error, _ path: String) -> Error {
        if error is DragomanFailure { return error }
        return Failure.cannotWrite("\(path): \(error.localizedDescription)")
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
