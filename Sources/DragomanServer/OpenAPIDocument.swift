import Foundation
import Hummingbird

/// The OpenAPI 3 document of the API, served at `/api/v1/openapi.json`. Hand-written
/// (Resources/openapi.json) rather than generated with swift-openapi-generator: the
/// endpoints answer with the JSON the CLI's `--json` already writes, through the same
/// encoders, and a generator would make types of its own for those shapes, a second copy
/// to keep equal. DragomanServerTests checks that the document and the router list the
/// same routes, and that real responses fit the document's schemas.
public enum OpenAPIDocument {
    /// The document's bytes, as shipped in the target's resources.
    public static func data() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw APIError(.internalServerError, code: "internal", "the OpenAPI document is missing from the build")
        }
        return try Data(contentsOf: url)
    }
}

enum OpenAPIRoutes: RouteSet {
    static func add(read: Group, write: Group, services: ServerServices) {
        read.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: try OpenAPIDocument.data())))
        }
    }
}
