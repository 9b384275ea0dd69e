import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

/// A small W3C WebDriver client (plain HTTP and JSON to chromedriver, over AsyncHTTPClient): new session,
/// navigate, find, type, click, run a script, take a screenshot. Enough to drive the page
/// like a person with a keyboard; every failure throws with what the driver said.
struct WebDriver: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The key codes of the WebDriver spec ("Keyboard actions").
    enum Key {
        static let control = "\u{E009}"
        static let enter = "\u{E007}"
        static let alt = "\u{E00A}"
    }

    let base: URL
    let session: String

    /// Opens a headless Chromium session on the chromedriver at `base`.
    static func start(driver base: URL, chromium: String) async throws -> WebDriver {
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": [
                "binary": chromium,
                // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1400,1000", "--lang=en-US", "--force-device-scale-factor=1"],
            ],
        ] as [String: Any]]]
        let value = try await call(base, "POST", "session", capabilities)
        guard let object = value as? [String: Any], let id = object["sessionId"] as? String else {
            throw Failure(description: "chromedriver gave no session: \(value)")
        }
        return WebDriver(base: base, session: id)
    }

    func navigate(_ url: String) async throws { _ = try await send("POST", "url", ["url": url]) }

    var currentURL: String { get async throws { try await send("GET", "url") as? String ?? "" } }

    func refresh() async throws { _ = try await send("POST", "refresh", [:]) }

    /// The element `css` selects (the first), or throws.
    func find(_ css: String) async throws -> String {
        let value = try await send("POST", "element", ["using": "css selector", "value": css])
        guard let object = value as? [String: Any], let id = object.values.first as? String else {
            throw Failure(description: "no element \(css): \(value)")
        }
        return id
    }

    func type(_ element: String, _ text: String) async throws {
        _ = try await send("POST", "element/\(element)/value", ["text": text])
    }

    func click(_ element: String) async throws { _ = try await send("POST", "element/\(element)/click", [:]) }

    func clear(_ element: String) async throws { _ = try await send("POST", "element/\(element)/clear", [:]) }

    /// Runs `script` (a function body; `arguments[i]` are `args`) and returns its value.
    @discardableResult
    func execute(_ script: String, _ args: [Any] = []) async throws -> Any {
        try await send("POST", "execute/sync", ["script": script, "args": args])
    }

    /// Waits until `script` returns true, up to `seconds` of polling; throws with `what`
    /// otherwise. Polls are counted rather than the clock read: with the whole suite on two
    /// cores this task may be resumed late, which must not count as the page being slow.
    func wait(_ what: String, seconds: Double = 20, _ script: String) async throws {
        for _ in 0..<max(1, Int(seconds * 10)) {
            if try await execute(script) as? Bool == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        if try await execute(script) as? Bool == true { return }
        let page = try await execute("return document.body ? document.body.innerText.slice(0, 1500) : ''")
        throw Failure(description: "timed out waiting for \(what); the page says: \(page)")
    }

    /// A PNG of the viewport, written to `path`.
    func screenshot(to path: URL) async throws {
        guard let base64 = try await send("GET", "screenshot") as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "no screenshot")
        }
        try data.write(to: path)
    }

    /// The text of the open `confirm()` / `alert()` dialog, waiting up to `seconds` for it.
    func alertText(within seconds: Double = 10) async throws -> String {
        var polls = max(1, Int(seconds * 10))
        while true {
            do {
                return try await send("GET", "alert/text") as? String ?? ""
            } catch where polls > 0 {
                polls -= 1
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    func acceptAlert() async throws { _ = try await send("POST", "alert/accept", [:]) }

    func dismissAlert() async throws { _ = try await send("POST", "alert/dismiss", [:]) }

    func quit() async { _ = try? await send("DELETE", "") }

    // MARK: HTTP

    private func send(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any {
        try await Self.call(base, method, "session/\(session)" + (path.isEmpty ? "" : "/\(path)"), body)
    }

    private static func call(_ base: URL, _ method: String, _ path: String, _ body: [String: Any]?) async throws -> Any {
        if ProcessInfo.processInfo.environment["DRAGOMAN_BROWSER_TRACE"] == "1" {
            FileHandle.standardError.write(Data("webdriver: \(method) \(path)\n".utf8))
        }
        var request = HTTPClientRequest(url: base.appendingPathComponent(path).absoluteString)
        request.method = HTTPMethod(rawValue: method)
        if let body {
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView), options: [.fragmentsAllowed]) as? [String: Any]
        let value = object?["value"] ?? NSNull()
        if response.status.code >= 400 {
            throw Failure(description: "WebDriver \(method) \(path): \(response.status.code) \(value)")
        }
        return value
    }
}

/// A chromedriver started for one test on a free port, stopped at the end.
final class ChromeDriverProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    let log: URL

    init(executable: String, folder: URL) throws {
        port = try Self.freePort()
        log = folder.appendingPathComponent("chromedriver.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Waits until chromedriver answers /status.
    func ready(within seconds: Double = 20) async throws {
        for _ in 0..<max(1, Int(seconds * 10)) {
            let request = HTTPClientRequest(url: url.appendingPathComponent("status").absoluteString)
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)),
               let body = try? await response.body.collect(upTo: 1 << 20),
               String(buffer: body).contains("\"ready\":true") { return }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw WebDriver.Failure(description: "chromedriver did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }

    /// SIGKILL: chromedriver does not always end on SIGTERM (seen here), and the browser
    /// session is closed before this.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// A port nobody listens on now (bound to port 0, read, closed).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw WebDriver.Failure(description: "no socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw WebDriver.Failure(description: "cannot bind a socket") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
