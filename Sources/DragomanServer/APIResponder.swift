import Foundation
import Hummingbird
import Logging

/// Wraps the router: every request is logged once, as one structured line with its
/// method, path, status, duration and error code; an error that escaped
/// `APIErrorMiddleware` still becomes the JSON of `APIError`; every answer gets the
/// security headers (`SecurityHeaders`: CSP, nosniff, Referrer-Policy).
struct APIResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == WorkspaceRequestContext {
    typealias Context = WorkspaceRequestContext
    let inner: Inner

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await inner.respond(to: request, context: context)
        } catch {
            let mapped = APIError.from(error)
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            response = mapped.response()
        }
        SecurityHeaders.apply(to: &response.headers)
        let elapsed = start.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "method": "\(request.method.rawValue)",
            "path": "\(request.uri.path)",
            "status": "\(response.status.code)",
            "duration_ms": "\(String(format: "%.1f", milliseconds))",
        ]
        if let code = response.headers[APIError.codeHeader] { metadata["error_code"] = "\(code)" }
        context.logger.info("request", metadata: metadata)
        return response
    }
}
