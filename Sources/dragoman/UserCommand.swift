import ArgumentParser
import DragomanApp
import DragomanText

/// `dragoman user …`: the people a shared `dragoman serve` lets in.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and remove the users of a shared workspace (dragoman serve --host …).",
        subcommands: [UserAdd.self, UserList.self, UserRemove.self])
}

extension WorkspaceRole: ExpressibleByArgument {}

struct UserAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a user and print their API token (shown once: only its hash is stored).",
        discussion: "Roles: reader (look up, download), translator (also add and change terms, units and documents), admin (everything a translator may). The name is recorded as the creator of the units the user confirms.")

    @Argument(help: "The user's name (letters, digits, '.', '-', '_', '@').") var name: String
    @Option(help: "reader, translator or admin.") var role: WorkspaceRole
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let token = try UserAccounts(workspace: try database.open()).add(name: name, role: role)
        print(token)
        Terminal.writeStderr("dragoman: added \(role.rawValue) \(name); the token above is shown only this once: send it as Authorization: Bearer TOKEN\n")
    }
}

struct UserList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the users and their roles.")

    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let users = try UserAccounts(workspace: try database.openExisting()).list()
        if json {
            print(try JSONOutput.string(users, pretty: true))
            return
        }
        if users.isEmpty { Terminal.writeStderr("no users (the workspace can be served on 127.0.0.1 only)\n") }
        for u in users { print("\(u.name)\t\(u.role)\t\(u.created)") }
    }
}

struct UserRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a user: their token stops working at once.")

    @Argument(help: "The user's name.") var name: String
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try UserAccounts(workspace: try database.openExisting()).remove(name: name)
        print("removed user \(name)")
    }
}
