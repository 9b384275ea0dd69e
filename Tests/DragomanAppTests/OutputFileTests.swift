import DragomanApp
import DragomanText
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The rule every output file follows (`OutputFile`): regular and new files are replaced
/// through a temporary file, links are followed, devices, FIFOs and sockets are written in
/// place. The FIFO and link cases through the built executable are in DragomanCLITests.
@Suite struct OutputFileTests {
    static let text = String(repeating: "قال الرئيس\tThe president said\n", count: 40_000)

    func fileType(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    func strayFiles(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
    }

    @Test func aRegularFileIsReplacedWholeKeepingItsPermissions() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try write("old\n", to: folder, "out.tsv")
        chmod(file, 0o640)
        var before = stat(), after = stat()
        stat(file, &before)
        try OutputFile.writeText(to: file) { $0(Self.text) }
        stat(file, &after)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == Self.text)
        #expect(after.st_ino != before.st_ino, "a new file renamed over the old one")
        #expect(after.st_mode & 0o7777 == 0o640)
        #expect(try strayFiles(folder).isEmpty)
    }

    @Test func aFailedWriteLeavesTheFileAsItWas() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try write("old\n", to: folder, "out.tsv")
        #expect(throws: Failure.self) {
            try OutputFile.writeText(to: file) { sink in
                sink(Self.text)
                throw Failure.badInput("stopped half-way")
            }
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "old\n")
        #expect(try strayFiles(folder).isEmpty)
    }

    @Test func aNewFileIsCreated() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = (folder as NSString).appendingPathComponent("new.tsv")
        try OutputFile.writeText(to: file) { $0("x\n") }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "x\n")
        #expect(fileType(file) == S_IFREG)
    }

    /// A link to a file, a relative link into a folder, a chain of links, a link to a file
    /// that does not exist yet: the target gets the output, the links stay links, and the
    /// temporary file is made beside the target.
    @Test func linksAreFollowedToTheirTarget() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sub = (folder as NSString).appendingPathComponent("sub")
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        let target = try write("old\n", to: sub, "target.tsv")
        let link = (folder as NSString).appendingPathComponent("link.tsv")
        let chain = (folder as NSString).appendingPathComponent("chain.tsv")
        let dangling = (folder as NSString).appendingPathComponent("dangling.tsv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "sub/target.tsv")
        try FileManager.default.createSymbolicLink(atPath: chain, withDestinationPath: "link.tsv")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "sub/later.tsv")

        try OutputFile.writeText(to: link) { $0("one\n") }
        #expect(fileType(link) == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "sub/target.tsv")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "one\n")

        try OutputFile.writeText(to: chain) { $0("two\n") }
        #expect(fileType(chain) == S_IFLNK && fileType(link) == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "two\n")

        try OutputFile.writeText(to: dangling) { $0("three\n") }
        #expect(fileType(dangling) == S_IFLNK)
        #expect(try String(contentsOfFile: (sub as NSString).appendingPathComponent("later.tsv"), encoding: .utf8) == "three\n")
        #expect(try strayFiles(folder).isEmpty && strayFiles(sub).isEmpty)
    }

    @Test func aLinkLoopAFolderAndAMissingFolderCannotBeWritten() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let loop = (folder as NSString).appendingPathComponent("loop.tsv")
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: "loop.tsv")
        let into = (folder as NSString).appendingPathComponent("into-nowhere.tsv")
        try FileManager.default.createSymbolicLink(atPath: into, withDestinationPath: "no-such-folder/x.tsv")
        for path in [loop, folder, into, (folder as NSString).appendingPathComponent("no-such-folder/x.tsv")] {
            let error = #expect(throws: Failure.self) { try OutputFile.writeText(to: path) { $0("x\n") } }
            #expect(error?.failureKind == .cannotWrite)
            #expect(error?.description.hasPrefix(path) == true, "\(error?.description ?? "")")
        }
        #expect(fileType(loop) == S_IFLNK && fileType(into) == S_IFLNK)
        #expect(try strayFiles(folder).isEmpty)
    }

    /// A Unix socket is connected to and written; it stays a socket.
    @Test func aSocketIsWrittenInPlace() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = (folder as NSString).appendingPathComponent("s")
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8) + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0 && listen(listener, 1) == 0)
        let received = Received()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let connection = accept(listener, nil, nil)
            if connection >= 0 {
                received.data = FileHandle(fileDescriptor: connection, closeOnDealloc: true).readDataToEndOfFile()
            }
            done.signal()
        }
        try OutputFile.writeText(to: path) { $0(Self.text) }
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(received.data == Data(Self.text.utf8))
        #expect(fileType(path) == S_IFSOCK)
    }

    /// A character device (a null device made in the test's folder, never the real
    /// /dev/null) is written in place, never replaced by a regular file.
    @Test func aCharacterDeviceIsWrittenInPlace() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let device = (folder as NSString).appendingPathComponent("null")
        // Major 1, minor 3 (the null device), in the old 8-bit encoding glibc still reads.
        // Without CAP_MKNOD, or on a file system mounted nodev, there is nothing to test.
        guard mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 else { return }
        let probe = open(device, O_WRONLY)
        guard probe >= 0 else { return }
        close(probe)
        try OutputFile.writeText(to: device) { $0(Self.text) }
        #expect(fileType(device) == S_IFCHR)
        #expect(try strayFiles(folder).isEmpty)
    }

    final class Received: @unchecked Sendable {
        var data = Data()
    }
}
