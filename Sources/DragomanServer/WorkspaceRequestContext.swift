import DragomanApp
import Hummingbird
import Logging

/// The context of one request: who sent it (set by `AuthenticationMiddleware`) and the
/// limit of a JSON body. Uploads read their body themselves with the upload limit.
public struct WorkspaceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The user the request is from; nil until authenticated.
    public var user: WorkspaceUser?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        user = nil
    }

    /// What `request.decode` collects at most: the JSON body limit.
    public var maxUploadSize: Int { ServerLimits.standard.jsonBody }
}
