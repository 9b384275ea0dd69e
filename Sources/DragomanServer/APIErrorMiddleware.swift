import Hummingbird

/// Turns every error thrown below it into the JSON of `APIError`. Added to the router
/// itself, first, so that it wraps every route and also the router's not-found answer
/// (which Hummingbird would otherwise render itself, without the JSON body), and so that
/// Hummingbird's own errors (a body over the limit) get the same shape.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = WorkspaceRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let mapped = APIError.from(error)
            if mapped.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return mapped.response()
        }
    }
}
