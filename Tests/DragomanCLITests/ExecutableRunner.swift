import Foundation
import Testing

/// The executables this package builds, found beside the test bundle (SwiftPM builds
/// them for this target).
enum BuiltExecutable {
    /// The path of the built executable `name`, or nil when it is not there.
    static func path(_ name: String) -> String? {
        var folders: [URL] = [Bundle.main.bundleURL, Bundle(for: Marker.self).bundleURL]
        if let arg0 = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: arg0).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for folder in folders {
            var url = folder
            for _ in 0..<4 {
                let candidate = url.appendingPathComponent(name).path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                url = url.deletingLastPathComponent()
            }
        }
        return nil
    }

    final class Marker {}
}

/// How a run of a built executable ended.
struct ExecutionResult: Sendable {
    /// The exit status; 128 + the signal number when a signal ended the process (as a shell
    /// shows it), so that a crash never passes for an exit code.
    var exitCode: Int32
    var stdout: String
    var stderr: String
    var seconds: Double

    /// Both streams, shortened, for a failure message.
    var transcript: String {
        "exit \(exitCode) after \(String(format: "%.2f", seconds)) s\n--- stdout:\n\(stdout.prefix(1500))\n--- stderr:\n\(stderr.prefix(1500))"
    }
}

/// Runs the built executable `name` with `arguments` and waits for it. Its standard input
/// is `stdin`, else /dev/null (never the test's own, so that a command reading standard
/// input cannot hang); its output goes through files, so a chatty child never blocks on a
/// full pipe. `environment` replaces the test's own when given; `folder` is the working
/// directory.
func execute(_ name: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil,
             in folder: URL? = nil) throws -> ExecutionResult {
    let executable = try #require(BuiltExecutable.path(name), "\(name) is not built beside the test bundle")
    return try execute(executableAt: executable, arguments, stdin: stdin, environment: environment, in: folder)
}

/// As `execute(_:_:stdin:environment:in:)`, for the executable at a path (a copy of a built one).
func execute(executableAt executable: String, _ arguments: [String], stdin: Data? = nil,
             environment: [String: String]? = nil, in folder: URL? = nil) throws -> ExecutionResult {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    defer {
        try? out.close()
        try? err.close()
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let folder { process.currentDirectoryURL = folder }
    process.standardOutput = out
    process.standardError = err
    var input: FileHandle?
    if let stdin {
        let inURL = scratch.appendingPathComponent("stdin")
        try stdin.write(to: inURL)
        input = try FileHandle(forReadingFrom: inURL)
        process.standardInput = input
    } else {
        process.standardInput = FileHandle.nullDevice
    }
    defer { try? input?.close() }
    let start = Date()
    try process.run()
    process.waitUntilExit()
    let seconds = Date().timeIntervalSince(start)
    let code = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return ExecutionResult(exitCode: code,
                           stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
                           stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self),
                           seconds: seconds)
}

/// Runs `dragoman` with `arguments` and expects `exitCode`, and, when given, `expected` on
/// standard output: modelled on swift-argument-parser's
/// `AssertExecuteCommand(command:expected:exitCode:)`. Returns the result for further checks.
@discardableResult
func expectExecution(_ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil,
                     in folder: URL? = nil, exitCode: Int32, stdoutContains expected: String? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> ExecutionResult {
    let result = try execute("dragoman", arguments, stdin: stdin, environment: environment, in: folder)
    let command = (["dragoman"] + arguments).joined(separator: " ")
    #expect(result.exitCode == exitCode, "\(command): expected exit \(exitCode)\n\(result.transcript)",
            sourceLocation: sourceLocation)
    if let expected {
        #expect(result.stdout.contains(expected), "\(command): stdout lacks \"\(expected)\"\n\(result.transcript)",
                sourceLocation: sourceLocation)
    }
    return result
}
