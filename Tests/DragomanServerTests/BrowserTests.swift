import DragomanText
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The page in a real browser: headless Chromium through WebDriver (Debian's `chromium`
/// and `chromium-driver`), against the built `dragoman serve` on a temporary database, as
/// a translator uses it with the keyboard. Runs wherever Chromium and chromedriver are
/// installed (DRAGOMAN_BROWSER_TESTS=0 turns it off); DRAGOMAN_BROWSER_TESTS=1 requires it
/// (`.ci/run` sets it and installs Chromium): then a missing or broken Chromium fails the
/// test rather than skipping it. Screenshots go to DRAGOMAN_TEST_OUTPUT (default
/// .build/test-output/browser) and, with DRAGOMAN_UPDATE_SCREENSHOTS=1, to docs/screenshots.
@Suite(.serialized, .enabled(if: BrowserTestSwitch.enabled,
                             "install chromium and chromium-driver (or set DRAGOMAN_BROWSER_TESTS=1 to require them)"))
struct BrowserTests {
    static let chromium = ProcessInfo.processInfo.environment["CHROMIUM"] ?? "/usr/bin/chromium"
    static let chromedriver = ProcessInfo.processInfo.environment["CHROMEDRIVER"] ?? "/usr/bin/chromedriver"
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var output: URL {
        ProcessInfo.processInfo.environment["DRAGOMAN_TEST_OUTPUT"].map { URL(fileURLWithPath: $0) }
            ?? repository.appendingPathComponent(".build/test-output/browser")
    }

    /// Runs `body` with a browser on a fresh `dragoman serve`; stops both whatever happens.
    func withBrowser(_ body: (WebDriver, String, String, URL) async throws -> Void) async throws {
        for tool in [Self.chromium, Self.chromedriver] {
            #expect(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: apt-get install chromium chromium-driver")
            guard FileManager.default.isExecutableFile(atPath: tool) else { return }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: Self.output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("db.sqlite").path
        // The sample TM, so that proposals have scores and bands.
        _ = try Self.run(["tm", "import", Self.repository.appendingPathComponent("seeds/sample-tm.tsv").path, "--db", db])
        let server = try ServeExecutableTests.Running(["serve", "--port", "0", "--db", db], folder: folder)
        defer { _ = server.stop() }
        let base = try await server.listening()
        trace("server at \(base)")
        let driver = try ChromeDriverProcess(executable: Self.chromedriver, folder: folder)
        defer { driver.stop() }
        try await driver.ready()
        trace("chromedriver ready")
        let browser = try await WebDriver.start(driver: driver.url, chromium: Self.chromium)
        do {
            try await body(browser, base, db, folder)
        } catch {
            try? await browser.screenshot(to: Self.output.appendingPathComponent("failure.png"))
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    func trace(_ message: String) {
        if ProcessInfo.processInfo.environment["DRAGOMAN_BROWSER_TRACE"] == "1" {
            FileHandle.standardError.write(Data("browser test: \(message)\n".utf8))
        }
    }

    func screenshot(_ browser: WebDriver, _ name: String) async throws {
        let file = Self.output.appendingPathComponent(name)
        try await browser.screenshot(to: file)
        if ProcessInfo.processInfo.environment["DRAGOMAN_UPDATE_SCREENSHOTS"] == "1" {
            let docs = Self.repository.appendingPathComponent("docs/screenshots")
            try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: docs.appendingPathComponent(name))
            try FileManager.default.copyItem(at: file, to: docs.appendingPathComponent(name))
        }
    }

    @Test func aTranslatorSearchesTranslatesAndAlignsWithTheKeyboard() async throws {
        try await withBrowser { browser, base, db, _ in
            // Search: results as you type, the Jerusalem entry for وبالقدس (clitics and all).
            try await browser.navigate(base + "/")
            let box = try await browser.find("#q")
            try await browser.type(box, "وبالقدس")
            try await browser.wait("the Jerusalem entry", """
                const t = document.querySelector('#terms'); return !!t && t.innerText.includes('Jerusalem')
                """)
            try await browser.wait("the TM and fragment areas", "return document.querySelector('#concordance').childElementCount > 0")
            let searchDirection = try await browser.execute("return getComputedStyle(document.querySelector('#terms .term-head [lang=ar]')).direction") as? String
            #expect(searchDirection == "rtl")
            try await screenshot(browser, "search.png")

            // A term whose text is markup shows as text, from the API and from the server.
            let xss = "<img src=x onerror=alert(1)>"
            let added = try await Self.post(base + "/api/v1/terms/entries",
                                            #"{"arabic": "صورة مريبة", "english": \#(APIClient.quoted(xss)), "domain": "test"}"#)
            #expect(added == 201)
            try await browser.execute("const q = document.querySelector('#q'); q.value = ''; q.focus()")
            try await browser.type(box, "صورة مريبة")
            try await browser.wait("the markup term", "return document.querySelector('#terms').innerText.includes('<img src=x')")
            #expect(try await browser.execute("return document.querySelectorAll('img').length") as? Int == 0)
            for path in ["/?q=%D8%B5%D9%88%D8%B1%D8%A9", "/glossary?domain=test"] {
                try await browser.navigate(base + path)
                try await browser.wait("the page \(path)", "return document.readyState === 'complete'")
                #expect(try await browser.execute("return document.querySelectorAll('img').length") as? Int == 0, "an img element on \(path)")
                #expect(try await browser.execute("return document.body.innerText.includes('<img src=x onerror=alert(1)>')") as? Bool == true,
                        "the term's text is shown on \(path)")
            }

            // Translate: upload the sample article, then translate segment 1 with the keyboard.
            try await browser.navigate(base + "/translate")
            let file = try await browser.find("#doc-file")
            try await browser.type(file, Self.repository.appendingPathComponent("seeds/sample-article.ar.txt").path)
            try await browser.wait("the uploaded text", "return document.querySelector('#doc-text').value.length > 100")
            let text = try await browser.find("#doc-text")
            try await browser.type(text, WebDriver.Key.control + WebDriver.Key.enter)
            try await browser.wait("the editor", seconds: 60, "return document.querySelectorAll('.segment').length > 5")
            let editorURL = try await browser.currentURL
            #expect(editorURL.contains("/translate/"))
            try await browser.wait("the first box focused", """
                return document.activeElement && document.activeElement.getAttribute('aria-label') === 'Translation of segment 1'
                """)
            let target = try await browser.find("#segment-1 textarea")
            try await browser.clear(target)
            try await browser.type(target, "Jerusalem time" + WebDriver.Key.control + WebDriver.Key.enter)
            try await browser.wait("segment 1 confirmed", "return document.querySelector('#segment-1').classList.contains('state-confirmed')")
            try await browser.wait("the focus on segment 2", """
                return document.activeElement.getAttribute('aria-label') === 'Translation of segment 2'
                """)
            let directions = try await browser.execute("""
                return [getComputedStyle(document.querySelector('#segment-1 .cell-ar')).direction,
                        getComputedStyle(document.querySelector('#segment-1 .source-text')).direction,
                        getComputedStyle(document.querySelector('#segment-1 textarea')).direction]
                """) as? [String]
            #expect(directions == ["rtl", "rtl", "ltr"], "Arabic cells right to left, English left to right")
            #expect(try await browser.execute("return document.querySelector('#progress-text').textContent") as? String
                    == "1 of 25 segments done")
            try await browser.execute("window.scrollTo(0, 0)")
            // A repaired fuzzy match: the TM source with its differing words marked, and the repair.
            let details = try await browser.execute("""
                const d = document.querySelector('#segment-2 .match-details');
                return d ? [[...d.querySelectorAll('.tm-source mark')].map(m => m.textContent).join('|'),
                            d.querySelector('.repairs') ? d.querySelector('.repairs').textContent : '',
                            getComputedStyle(d.querySelector('.tm-source span[lang=ar]')).direction] : null
                """) as? [String]
            #expect(details?[0] == "يؤكد|الأسرى", "the TM source's differing words: \(String(describing: details))")
            #expect(details?[1].contains("the prisoners → holy sites") == true)
            #expect(details?[2] == "rtl")
            try await screenshot(browser, "translate.png")

            // A reload shows the work as the server stored it.
            try await browser.refresh()
            try await browser.wait("the editor after reload", "return document.querySelectorAll('.segment').length > 5")
            #expect(try await browser.execute("return document.querySelector('#segment-1').classList.contains('state-confirmed')") as? Bool == true)
            #expect(try await browser.execute("return document.querySelector('#segment-1 textarea').value") as? String == "Jerusalem time")

            // The CLI on the same database finds the confirmed segment as an exact match.
            let match = try Self.run(["tm", "match", "بتوقيت القدس", "--json", "--db", db])
            #expect(match.contains("\"Jerusalem time\""), "tm match: \(match)")
            #expect(match.contains("\"exact\"") || match.contains("\"context\""), "tm match: \(match)")

            // Align: two texts → pairs with confidence; the checked ones go into the TM.
            try await browser.navigate(base + "/align")
            let arabic = try String(contentsOf: Self.repository.appendingPathComponent("seeds/sample-article.ar.txt"), encoding: .utf8)
            let english = try String(contentsOf: Self.repository.appendingPathComponent("seeds/sample-article.en.txt"), encoding: .utf8)
            try await browser.execute("document.querySelector('#align-ar').value = arguments[0]; document.querySelector('#align-en').value = arguments[1]",
                                      [arabic, english])
            let arBox = try await browser.find("#align-ar")
            try await browser.type(arBox, WebDriver.Key.control + WebDriver.Key.enter)
            try await browser.wait("the pairs", seconds: 60, "return document.querySelectorAll('.align-row').length > 2")
            #expect(try await browser.execute("return getComputedStyle(document.querySelector('.align-row .col-ar textarea')).direction") as? String == "rtl")
            try await browser.execute("document.querySelector('#alignment').scrollIntoView()")
            try await screenshot(browser, "align.png")
            let add = try await browser.find("#add-pairs")
            try await browser.click(add)
            try await browser.wait("the pairs stored", "return document.querySelector('#status').textContent.includes('added to the TM')")
        }
    }

    @Test func theGlossaryAndTMPagesAddEditImportAndUndo() async throws {
        try await withBrowser { browser, base, _, folder in
            // Add a pair with the form, keyboard only: Enter submits.
            try await browser.navigate(base + "/glossary")
            try await browser.click(try await browser.find("details.panel summary"))
            try await browser.type(try await browser.find("#add-entry [name=english]"), "rural news agency")
            try await browser.type(try await browser.find("#add-entry [name=arabic]"), "وكالة أنباء الريف" + WebDriver.Key.enter)
            try await browser.wait("the addition", "return document.querySelector('#status').textContent.includes('Added as entry')")

            // Import a file with the upload form: progress, report, then the batch is listed.
            let file = folder.appendingPathComponent("desk.tsv")
            try "arabic\tenglish\nمرصد زلازل الريف\trural seismic observatory\n".write(to: file, atomically: true, encoding: .utf8)
            try await browser.navigate(base + "/glossary")
            try await browser.execute("document.querySelectorAll('details.panel')[1].open = true")
            try await browser.type(try await browser.find("#import-file"), file.path)
            try await browser.click(try await browser.find("form.import button[type=submit]"))
            try await browser.wait("the import report", "return document.querySelector('form.import output').textContent.includes('Imported: 1 added')")
            try await browser.wait("the reload", "return !!document.querySelector('button.undo') && document.body.innerText.includes('desk.tsv')")

            // Edit the imported entry through the page, then Undo: refused with the reason,
            // then forced.
            let entry = try await Self.get(base + "/api/v1/terms?q=%D9%85%D8%B1%D8%B5%D8%AF%20%D8%B2%D9%84%D8%A7%D8%B2%D9%84%20%D8%A7%D9%84%D8%B1%D9%8A%D9%81")
            let entryID = try #require(((try JSONSerialization.jsonObject(with: Data(entry.utf8)) as? [[String: Any]])?.first?["entry"] as? [String: Any])?["id"] as? Int)
            try await browser.navigate(base + "/glossary?after=\(entryID - 1)&limit=1")
            try await browser.click(try await browser.find("button.edit-entry"))
            // One status control per term of the entry, beside its domain and note.
            let terms = try await browser.execute("return document.querySelectorAll('tr[data-entry] li[data-term]').length") as? Int ?? 0
            #expect(terms > 0)
            #expect(try await browser.execute("return document.querySelectorAll('tr.editing label > select').length") as? Int == terms)
            try await browser.type(try await browser.find("tr.editing input[aria-label=Note]"), "checked by the desk")
            try await browser.click(try await browser.find("tr.editing button[type=submit]"))
            try await browser.wait("the edit", "return document.querySelector('#status').textContent.includes('saved')")
            try await browser.navigate(base + "/glossary")
            let undo = "Array.from(document.querySelectorAll('tr')).find(r => r.innerText.includes('desk.tsv')).querySelector('button.undo')"
            try await browser.execute("\(undo).click()")
            let question = try await browser.alertText()
            #expect(question.contains("edited"), "the conflict is explained: \(question)")
            try await browser.dismissAlert()
            try await browser.wait("the refusal", "return document.querySelector('#status').textContent.startsWith('Undo refused')")
            try await browser.execute("\(undo).click()")
            _ = try await browser.alertText()
            try await browser.acceptAlert()
            // Not just "undone": the refusal shown before says "cannot be undone".
            try await browser.wait("the forced undo", "return /^Import \\d+ undone:/.test(document.querySelector('#status').textContent)")
            #expect(try await Self.get(base + "/api/v1/terms?q=%D9%85%D8%B1%D8%B5%D8%AF%20%D8%B2%D9%84%D8%A7%D8%B2%D9%84%20%D8%A7%D9%84%D8%B1%D9%8A%D9%81") == "[]")

            // TM: add a pair, filter by its origin, edit it, remove it.
            try await browser.navigate(base + "/tm")
            try await browser.click(try await browser.find("details.panel summary"))
            try await browser.type(try await browser.find("#add-unit [name=english]"), "The delegation arrived.")
            try await browser.type(try await browser.find("#add-unit [name=arabic]"), "وصل الوفد.")
            try await browser.type(try await browser.find("#add-unit [name=origin]"), "desk-test" + WebDriver.Key.enter)
            try await browser.wait("the unit", "return document.querySelector('#status').textContent.includes('stored')")
            try await browser.navigate(base + "/tm?origin=desk-test")
            #expect(try await browser.execute("return document.querySelectorAll('tr[data-unit]').length") as? Int == 1)
            // Edit its English in place: saved as the unit's new text.
            try await browser.click(try await browser.find("button.edit-unit"))
            let englishBox = try await browser.find("tr.editing textarea[lang=en]")
            try await browser.clear(englishBox)
            try await browser.type(englishBox, "The delegation has arrived.")
            try await browser.click(try await browser.find("tr.editing button[type=submit]"))
            try await browser.wait("the edit", "return document.querySelector('#status').textContent.includes('saved')")
            try await browser.wait("the edited row", seconds: 20,
                                   "return [...document.querySelectorAll('tr[data-unit] .col-en')].some(td => td.textContent === 'The delegation has arrived.')")
            try await browser.click(try await browser.find("button.remove-unit"))
            _ = try await browser.alertText()
            try await browser.acceptAlert()
            try await browser.wait("the removal", "return document.querySelectorAll('tr[data-unit]').length === 0")
        }
    }

    static func get(_ url: String) async throws -> String {
        let (data, _) = try await URLSession.shared.data(from: URL(string: url)!)
        return String(decoding: data, as: UTF8.self)
    }

    static func post(_ url: String, _ json: String) async throws -> Int {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.httpBody = Data(json.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    /// Runs the built `dragoman` and returns its standard output.
    static func run(_ arguments: [String]) throws -> String {
        String(decoding: try ServeExecutableTests.runCLI(arguments).stdout, as: UTF8.self)
    }
}

/// Whether the browser test runs: required with DRAGOMAN_BROWSER_TESTS=1, off with 0, else
/// when Chromium and chromedriver are both installed.
enum BrowserTestSwitch {
    static var enabled: Bool {
        switch ProcessInfo.processInfo.environment["DRAGOMAN_BROWSER_TESTS"] {
        case "1": true
        case "0": false
        default: [BrowserTests.chromium, BrowserTests.chromedriver].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
        }
    }
}
