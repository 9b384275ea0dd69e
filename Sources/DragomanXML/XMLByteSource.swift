import Foundation

/// Where the parser gets its bytes: in chunks, so a 100 MB file never sits in memory whole.
public protocol XMLByteSource {
    /// The next bytes of the document, or `nil` at the end. Empty chunks are allowed.
    mutating func nextChunk() throws -> [UInt8]?
}

/// A document already in memory (tests, small files, strings built by code).
public struct MemoryByteSource: XMLByteSource, Sendable {
    private let bytes: [UInt8]
    private let chunkSize: Int
    private var offset = 0

    /// `chunkSize` exists so tests can force chunk boundaries anywhere; the default hands
    /// over everything at once.
    public init(_ bytes: [UInt8], chunkSize: Int = .max) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    public init(_ data: Data, chunkSize: Int = .max) {
        self.init([UInt8](data), chunkSize: chunkSize)
    }

    public init(_ string: String, chunkSize: Int = .max) {
        self.init(Array(string.utf8), chunkSize: chunkSize)
    }

    public mutating func nextChunk() throws -> [UInt8]? {
        guard offset < bytes.count else { return nil }
        if offset == 0 && chunkSize >= bytes.count {
            offset = bytes.count
            return bytes
        }
        let end = offset + min(chunkSize, bytes.count - offset)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
}

/// A file read in fixed-size chunks, so memory stays bounded whatever the file size.
public final class FileByteSource: XMLByteSource {
    private let handle: FileHandle
    private let chunkSize: Int
    private let ownsHandle: Bool

    /// Opens the file for reading; it is closed when the source goes away.
    public init(url: URL, chunkSize: Int = 1 << 16) throws {
        self.handle = try FileHandle(forReadingFrom: url)
        self.chunkSize = max(1, chunkSize)
        self.ownsHandle = true
    }

    /// Reads from a handle the caller owns and closes (stdin, a pipe).
    public init(fileHandle: FileHandle, chunkSize: Int = 1 << 16) {
        self.handle = fileHandle
        self.chunkSize = max(1, chunkSize)
        self.ownsHandle = false
    }

    deinit {
        if ownsHandle { try? handle.close() }
    }

    public func nextChunk() throws -> [UInt8]? {
        guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else { return nil }
        return [UInt8](data)
    }
}
