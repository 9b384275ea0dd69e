import DragomanApp
import DragomanText
import Foundation
import Hummingbird
import NIOCore

/// Every error the API answers with, as `{"error": {"code", "message"}}` and its status:
/// the one place where errors become HTTP responses. A `DragomanFailure` gets the status
/// of its kind (`FailureKind.httpStatus`, the same table that gives the CLI its exit
/// codes) and the kind as its code; the server's own errors (unauthorized, forbidden, a
/// body too large, a JSON body that parses but does not fit) have theirs. Anything else
/// is a bug: 500 with a generic message (the details go to the log, never to the client).
public struct APIError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    // MARK: The server's own errors

    public static func unauthorized(_ message: String) -> APIError {
        APIError(.unauthorized, code: "unauthorized", message, headers: [.wwwAuthenticate: "Bearer realm=\"dragoman\""])
    }

    public static func forbidden(_ message: String) -> APIError { APIError(.forbidden, code: "forbidden", message) }

    public static func tooLarge(limit: Int, what: String) -> APIError {
        APIError(.contentTooLarge, code: "tooLarge", "the \(what) is larger than the limit of \(ServerLimits.describe(limit))")
    }

    /// A body that is JSON but not the object the endpoint takes (a field missing, a wrong type).
    public static func unprocessable(_ message: String) -> APIError {
        APIError(.unprocessableContent, code: "unprocessable", message)
    }

    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, code: "usage", message) }

    // MARK: Classification

    /// The API error for anything a handler, a middleware or the router threw.
    public static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let failure as any DragomanFailure:
            let kind = failure.failureKind
            let message = kind == .internal ? "internal error: \(failure.description); this is a bug" : failure.description
            return APIError(HTTPResponse.Status(code: kind.httpStatus), code: kind.rawValue, message)
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, code: "tooLarge",
                            "the request body is larger than the limit of \(ServerLimits.describe(ServerLimits.standard.jsonBody))")
        case let error as DecodingError:
            return decoding(error)
        case let error as HTTPError:
            switch error.status {
            case .notFound: return APIError(.notFound, code: "notFound", "no such endpoint (the API is under /api/v1; see /api/v1/openapi.json)")
            default: return APIError(error.status, code: error.status.code < 500 ? "usage" : "internal", error.body ?? error.status.reasonPhrase)
            }
        default:
            return APIError(.internalServerError, code: "internal", "internal error; this is a bug (the server log has the details)")
        }
    }

    /// Malformed JSON is a bad request (400); JSON of the wrong shape is unprocessable (422).
    static func decoding(_ error: DecodingError) -> APIError {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the body" : keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return APIError(.badRequest, code: "badInput", "the body is not valid JSON")
        case .dataCorrupted(let context):
            return unprocessable("\(path(context)): \(context.debugDescription)")
        case .keyNotFound(let key, let context):
            let place = context.codingPath.isEmpty ? "" : " in \(path(context))"
            return unprocessable("the field \"\(key.stringValue)\" is missing\(place)")
        case .typeMismatch(let type, let context):
            return unprocessable("\(path(context)): expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return unprocessable("\(path(context)): expected \(describe(type)), found null")
        @unknown default:
            return unprocessable("the body does not fit this endpoint")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)".contains("Array") ? "an array" : "an object"
        }
    }

    // MARK: Rendering

    struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
        }
        var error: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// The error's code, also in a header, so the request log can show it.
    static let codeHeader = HTTPFields.Element.Name("X-Dragoman-Error")!

    public func response() -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[Self.codeHeader] = code
        let text = (try? JSONOutput.string(Body(error: .init(code: code, message: message))))
            ?? #"{"error":{"code":"internal","message":"internal error"}}"#
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
