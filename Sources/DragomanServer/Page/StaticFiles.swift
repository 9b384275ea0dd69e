import DragomanText
import Foundation
import Hummingbird
import NIOCore

/// The page's style sheet and scripts, shipped in the binary's resources
/// (Resources/page) and read once: no Node, no CDN, nothing fetched from elsewhere, so the
/// page works offline and the CSP can allow 'self' only. Only names listed in the folder
/// are served; anything else is 404.
struct StaticFiles: Sendable {
    let files: [String: ByteBuffer]

    init() throws {
        guard let folder = Bundle.module.url(forResource: "page", withExtension: nil) else {
            throw APIError(.internalServerError, code: "internal", "the page's files are missing from the build")
        }
        var files: [String: ByteBuffer] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where Self.mediaType(of: name) != nil {
            files[name] = ByteBuffer(bytes: try Data(contentsOf: folder.appendingPathComponent(name)))
        }
        self.files = files
    }

    func response(for name: String) throws -> Response {
        guard let bytes = files[name], let type = Self.mediaType(of: name) else {
            throw Failure.notFound("there is no file \(name) in the page's files")
        }
        // no-cache: the browser revalidates, so a new binary's scripts are used at once.
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: .init(byteBuffer: bytes))
    }

    static func mediaType(of name: String) -> String? {
        if name.hasSuffix(".js") { return "text/javascript; charset=utf-8" }
        if name.hasSuffix(".css") { return "text/css; charset=utf-8" }
        if name.hasSuffix(".svg") { return "image/svg+xml" }
        return nil
    }
}
