import DragomanApp
import Hummingbird

/// What the handlers share: the open workspace (one database pool for every request), the
/// user accounts, the limits and the version written into exported files.
struct ServerServices: Sendable {
    let workspace: Workspace
    let accounts: UserAccounts
    let limits: ServerLimits
    let toolVersion: String
}

typealias Group = RouterGroup<WorkspaceRequestContext>

/// A set of endpoints. `read` routes are open to every authenticated user (readers too);
/// `write` routes to translators and admins.
protocol RouteSet {
    static func add(read: Group, write: Group, services: ServerServices)
}
