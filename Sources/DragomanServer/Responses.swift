import DragomanApp
import Hummingbird
import NIOCore

/// Responses of the API: JSON written by the same encoders as the CLI's `--json`
/// (`JSONOutput`: sorted keys, slashes and UTF-8 as they are), and files to download.
enum Responses {
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        rawJSON(try JSONOutput.string(value), status: status)
    }

    /// A JSON text made by a writer of the application layer.
    static func rawJSON(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A file to download under `fileName`.
    static func file(_ text: String, fileName: String, mediaType: String) -> Response {
        file(ByteBuffer(string: text), fileName: fileName, mediaType: mediaType)
    }

    static func file(_ bytes: ByteBuffer, fileName: String, mediaType: String) -> Response {
        // RFC 6266: an ASCII fallback and the UTF-8 name (Arabic file names).
        let ascii = String(fileName.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ".-_"))) ?? ascii
        return Response(status: .ok, headers: [.contentType: mediaType,
                                               .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"],
                        body: .init(byteBuffer: bytes))
    }

    static func noContent() -> Response { Response(status: .noContent) }
}

import Foundation
