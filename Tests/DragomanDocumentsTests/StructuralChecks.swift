import Foundation
import DragomanDocuments

/// Structural checks of our own, written from the XLIFF 2.1 core, Translation Candidates,
/// Glossary and Metadata schemas and their constraints (ids unique, `ref`s that point at
/// something, states and subStates well formed). They always run; the XSD validation
/// with xmllint runs besides them where xmllint is installed.
enum XLIFF2Check {
    static let core = XLIFFNamespace.core2, mtc = XLIFFNamespace.matches, gls = XLIFFNamespace.glossary
    static let mda = XLIFFNamespace.metadata
    static let inline: Set<String> = ["cp", "ph", "pc", "sc", "ec", "mrk", "sm", "em"]
    static var userDefined: Regex<Substring> { #/^[^\s:]+:[^\s:]+$/# }

    static func run(_ xml: String) throws -> Findings {
        var f = Findings()
        let root = try XMLNode.parse(xml)
        f.check(root.local == "xliff" && root.namespace == core, "root is not xliff in \(core)")
        f.check(root["version"] == "2.1", "version is \(root["version"] ?? "missing"), not 2.1")
        f.check(root["srcLang"] != nil, "srcLang missing")
        let files = root.children
        f.check(!files.isEmpty && files.allSatisfy { $0.local == "file" && $0.namespace == core }, "xliff must hold file+")
        var fileIDs = Set<String>()
        for file in files {
            checkID(file, &fileIDs, &f)
            f.check(matchesSequence(kinds(file), [(["skeleton"], 0, 1), (["#other"], 0, .max), (["notes"], 0, 1),
                                                 (["unit", "group"], 1, .max)]), "bad content of \(file.path)")
            var unitIDs = Set<String>(), groupIDs = Set<String>()
            for node in file.descendants where node.namespace == core {
                switch node.local {
                case "group":
                    checkID(node, &groupIDs, &f)
                    f.check(matchesSequence(kinds(node), [(["#other"], 0, .max), (["notes"], 0, 1), (["unit", "group"], 0, .max)]),
                            "bad content of \(node.path)")
                    if let type = node["type"] { f.check(type.wholeMatch(of: userDefined) != nil, "bad group type \(type)") }
                case "unit":
                    checkID(node, &unitIDs, &f)
                    checkUnit(node, &f)
                case "segment":
                    f.check(matchesSequence(kinds(node), [(["source"], 1, 1), (["target"], 0, 1)]), "bad content of \(node.path)")
                    let state = node["state"] ?? "initial"
                    f.check(["initial", "translated", "reviewed", "final"].contains(state), "bad state \(state) at \(node.path)")
                    if let sub = node["subState"] {
                        f.check(node["state"] != nil, "subState without state at \(node.path)")
                        f.check(sub.wholeMatch(of: userDefined) != nil, "subState \(sub) is not prefix:value")
                    }
                    if node["state"] != nil && node["state"] != "initial" {
                        f.check(!node.children("target").isEmpty, "\(node.path) is \(state) without a target")
                    }
                case "ignorable":
                    f.check(matchesSequence(kinds(node), [(["source"], 1, 1), (["target"], 0, 1)]), "bad content of \(node.path)")
                case "source", "target":
                    f.check(node.children.allSatisfy { $0.namespace == core && inline.contains($0.local) },
                            "non-inline element in \(node.path)")
                case "notes":
                    f.check(!node.children.isEmpty && node.children.allSatisfy { $0.local == "note" }, "bad notes at \(node.path)")
                case "note":
                    if let p = node["priority"] { f.check((1...10).contains(Int(p) ?? 0), "bad note priority \(p)") }
                case "cp":
                    f.check(node["hex"].flatMap { UInt32($0, radix: 16) } != nil, "bad cp at \(node.path)")
                default:
                    break
                }
            }
        }
        for node in root.descendants where node.namespace == mda {
            switch node.local {
            case "metadata":
                f.check(!node.children.isEmpty && node.children.allSatisfy { $0.local == "metaGroup" }, "bad \(node.path)")
                f.check(node.parent.map { ["file", "group", "unit", "match"].contains($0.local) } ?? false,
                        "mda:metadata not allowed in \(node.parent?.path ?? "?")")
            case "metaGroup":
                f.check(!node.children.isEmpty && node.children.allSatisfy { $0.local == "metaGroup" || $0.local == "meta" },
                        "bad \(node.path)")
            case "meta":
                f.check(node["type"] != nil && node.children.isEmpty, "bad \(node.path)")
            default:
                f.problems.append("unknown metadata element \(node.path)")
            }
        }
        return f
    }

    /// Names of the children, with elements of other namespaces as `#other`.
    static func kinds(_ node: XMLNode) -> [String] {
        node.children.map { $0.namespace == core ? $0.local : "#other" }
    }

    static func checkID(_ node: XMLNode, _ seen: inout Set<String>, _ f: inout Findings) {
        guard let id = node["id"] else { return f.problems.append("\(node.path) has no id") }
        f.check(id.wholeMatch(of: #/[\p{L}\p{N}._:\-]+/#) != nil, "id \(id) is not an NMTOKEN")
        f.check(seen.insert(id).inserted, "duplicate id \(id) at \(node.path)")
    }

    static func checkUnit(_ unit: XMLNode, _ f: inout Findings) {
        f.check(matchesSequence(kinds(unit), [(["#other"], 0, .max), (["notes"], 0, 1), (["originalData"], 0, 1),
                                              (["segment", "ignorable"], 1, .max)]), "bad content of \(unit.path)")
        var inner = Set<String>()
        for child in unit.children where child.namespace == core && (child.local == "segment" || child.local == "ignorable") {
            if let id = child["id"] { f.check(inner.insert(id).inserted, "duplicate segment id \(id) in \(unit.path)") }
        }
        // Annotations of the source (`<mrk>`, e.g. a sub-segment match's span): ids unique
        // in the unit, apart from the segments', so that "#id" names one thing.
        var marks = Set<String>()
        for child in unit.children where child.namespace == core && (child.local == "segment" || child.local == "ignorable") {
            for source in child.children("source", in: core) {
                for mrk in source.descendants where mrk.namespace == core && mrk.local == "mrk" {
                    guard let id = mrk["id"] else { f.problems.append("mrk without id in \(unit.path)"); continue }
                    f.check(!inner.contains(id) && marks.insert(id).inserted, "duplicate id \(id) (mrk) in \(unit.path)")
                    if let type = mrk["type"] {
                        f.check(["generic", "comment", "term"].contains(type) || type.wholeMatch(of: userDefined) != nil,
                                "bad mrk type \(type)")
                    }
                    f.check(mrk.children.allSatisfy { $0.namespace == core && inline.contains($0.local) },
                            "non-inline element in \(mrk.path)")
                }
            }
        }
        func refOK(_ ref: String?) -> Bool {
            guard let ref, ref.hasPrefix("#") else { return false }
            let id = String(ref.dropFirst())
            return inner.contains(id) || marks.contains(id)
        }
        for matches in unit.children("matches", in: mtc) {
            f.check(!matches.children.isEmpty, "empty mtc:matches in \(unit.path)")
            var ids = Set<String>()
            for match in matches.children {
                f.check(match.local == "match" && match.namespace == mtc, "\(match.path) is not mtc:match")
                f.check(refOK(match["ref"]), "mtc:match ref \(match["ref"] ?? "missing") points nowhere in \(unit.path)")
                if let id = match["id"] { f.check(ids.insert(id).inserted, "duplicate match id \(id)") }
                for a in ["similarity", "matchQuality", "matchSuitability"] {
                    if let v = match[a] { f.check(Double(v).map { (0...100).contains($0) } ?? false, "\(a)=\(v) out of 0–100") }
                }
                if let type = match["type"] {
                    f.check(["am", "mt", "icm", "idm", "tb", "tm", "other"].contains(type), "bad match type \(type)")
                }
                if let sub = match["subType"] {
                    f.check(match["type"] != nil, "subType without type")
                    f.check(sub.wholeMatch(of: userDefined) != nil, "subType \(sub) is not prefix:value")
                }
                let names = match.children.map { $0.namespace == mda ? "mda:metadata" : $0.namespace == core ? $0.local : "#other" }
                f.check(matchesSequence(names, [(["mda:metadata"], 0, 1), (["originalData"], 0, 1), (["source"], 1, 1),
                                                (["target"], 1, 1), (["#other"], 0, .max)]), "bad content of \(match.path)")
            }
        }
        for glossary in unit.children("glossary", in: gls) {
            f.check(!glossary.children.isEmpty, "empty gls:glossary")
            for entry in glossary.children {
                f.check(entry.local == "glossEntry" && entry.namespace == gls, "\(entry.path) is not gls:glossEntry")
                if let ref = entry["ref"] { f.check(refOK(ref), "glossEntry ref \(ref) points nowhere in \(unit.path)") }
                let names = entry.children.map { $0.namespace == gls ? $0.local : "#other" }
                f.check(matchesSequence(names, [(["term"], 1, 1), (["translation"], 0, .max), (["definition"], 0, 1),
                                                (["#other"], 0, .max)]), "bad content of \(entry.path)")
                f.check(names.contains("translation") || names.contains("definition"), "incomplete \(entry.path)")
            }
        }
    }
}

/// Structural checks written from the XLIFF 1.2 strict schema's content models.
enum XLIFF12Check {
    static let core = XLIFFNamespace.core12
    static let states: Set<String> = ["final", "needs-adaptation", "needs-l10n", "needs-review-adaptation",
                                      "needs-review-l10n", "needs-review-translation", "needs-translation", "new",
                                      "signed-off", "translated"]
    static let qualifiers: Set<String> = ["exact-match", "fuzzy-match", "id-match", "leveraged-glossary",
                                          "leveraged-inherited", "leveraged-mt", "leveraged-repository", "leveraged-tm",
                                          "mt-suggestion", "rejected-grammar", "rejected-inaccurate", "rejected-length",
                                          "rejected-spelling", "tm-suggestion"]

    static func run(_ xml: String) throws -> Findings {
        var f = Findings()
        let root = try XMLNode.parse(xml)
        f.check(root.local == "xliff" && root.namespace == core, "root is not xliff in \(core)")
        f.check(root["version"] == "1.2", "version is not 1.2")
        for node in [root] + root.descendants {
            f.check(node.namespace == core, "\(node.path) is outside the XLIFF 1.2 namespace (strict processing)")
            f.check(node.attributes.allSatisfy { !$0.name.contains(":") || $0.name.hasPrefix("xml:") || $0.name.hasPrefix("xmlns") },
                    "\(node.path) has a foreign attribute (strict processing)")
            if let space = node["xml:space"] { f.check(space == "default" || space == "preserve", "bad xml:space") }
            if let translate = node["translate"] { f.check(translate == "yes" || translate == "no", "bad translate") }
        }
        for file in root.children {
            f.check(file.local == "file", "\(file.path) is not file")
            for a in ["original", "source-language", "datatype"] { f.check(file[a] != nil, "\(file.path) lacks \(a)") }
            f.check(matchesSequence(file.children.map(\.local), [(["header"], 0, 1), (["body"], 1, 1)]), "bad \(file.path)")
            let tools = Set(file.children("header").flatMap { $0.children("tool") }.compactMap { $0["tool-id"] })
            for tool in file.children("header").flatMap({ $0.children("tool") }) {
                f.check(tool["tool-id"] != nil && tool["tool-name"] != nil, "tool lacks tool-id or tool-name")
            }
            if let id = file["tool-id"] { f.check(tools.contains(id), "file tool-id \(id) is not a header tool") }
            var unitIDs = Set<String>(), groupIDs = Set<String>()
            for node in file.descendants {
                switch node.local {
                case "body":
                    f.check(node.children.allSatisfy { ["group", "trans-unit", "bin-unit"].contains($0.local) }, "bad body")
                case "group":
                    if let id = node["id"] { f.check(groupIDs.insert(id).inserted, "duplicate group id \(id)") }
                    f.check(matchesSequence(node.children.map(\.local), [(["context-group"], 0, .max), (["count-group"], 0, .max),
                                                                        (["note"], 0, .max), (["group", "trans-unit", "bin-unit"], 1, .max)]),
                            "bad content of \(node.path)")
                    if let restype = node["restype"] { f.check(restype.hasPrefix("x-"), "restype \(restype) not in x- form") }
                case "trans-unit":
                    guard let id = node["id"] else { f.problems.append("\(node.path) has no id"); continue }
                    f.check(unitIDs.insert(id).inserted, "duplicate trans-unit id \(id)")
                    f.check(matchesSequence(node.children.map(\.local), [(["source"], 1, 1), (["seg-source"], 0, 1), (["target"], 0, 1),
                                                                        (["context-group", "count-group", "note", "alt-trans"], 0, .max)]),
                            "bad content of \(node.path)")
                    if node["translate"] == "no" {
                        f.check(node.children("alt-trans").isEmpty, "alt-trans in a translate=no unit")
                    }
                    if let approved = node["approved"] {
                        f.check(approved == "yes" || approved == "no", "bad approved \(approved) at \(node.path)")
                        if approved == "yes" { f.check(!node.children("target").isEmpty, "approved without a target at \(node.path)") }
                    }
                case "target":
                    if let s = node["state"] { f.check(states.contains(s) || s.hasPrefix("x-"), "bad state \(s)") }
                    if let q = node["state-qualifier"] { f.check(qualifiers.contains(q) || q.hasPrefix("x-"), "bad state-qualifier \(q)") }
                case "alt-trans":
                    f.check(matchesSequence(node.children.map(\.local), [(["source"], 0, 1), (["seg-source"], 0, 1), (["target"], 1, 1),
                                                                        (["context-group"], 0, .max), (["note"], 0, .max)]),
                            "bad content of \(node.path)")
                    if let tool = node["tool-id"] { f.check(tools.contains(tool), "alt-trans tool-id \(tool) is not a header tool") }
                case "note":
                    f.check(node.children.isEmpty, "markup in \(node.path)")
                    if let p = node["priority"] { f.check((1...10).contains(Int(p) ?? 0), "bad priority \(p)") }
                    if let a = node["annotates"] { f.check(["source", "target", "general"].contains(a), "bad annotates \(a)") }
                case "source", "seg-source":
                    f.check(node.children.allSatisfy { ["g", "bpt", "ept", "ph", "it", "mrk", "x", "bx", "ex"].contains($0.local) },
                            "bad inline content in \(node.path)")
                default:
                    break
                }
            }
        }
        return f
    }
}

/// Structural checks of the TMX 1.4b DTD's rules.
enum TMXCheck {
    static let headerRequired = ["creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"]
    static var date: Regex<Substring> { #/^\d{8}T\d{6}Z$/# }

    static func run(_ xml: String) throws -> Findings {
        var f = Findings()
        let root = try XMLNode.parse(xml)
        f.check(root.name == "tmx" && root["version"] == "1.4", "root is not <tmx version=\"1.4\">")
        f.check(root.children.map(\.name) == ["header", "body"], "tmx must hold header, body")
        guard let header = root.children.first(where: { $0.name == "header" }),
              let body = root.children.first(where: { $0.name == "body" }) else { return f }
        for a in headerRequired { f.check(header[a] != nil, "header lacks \(a)") }
        f.check(["block", "paragraph", "sentence", "phrase"].contains(header["segtype"] ?? ""), "bad segtype")
        f.check(header.children.allSatisfy { ["note", "prop", "ude"].contains($0.name) }, "bad header content")
        f.check(body.children.allSatisfy { $0.name == "tu" }, "body must hold tu*")
        let srclang = header["srclang"] ?? ""
        for node in [root] + root.descendants {
            for a in ["creationdate", "changedate", "lastusagedate"] {
                if let d = node[a] { f.check(d.wholeMatch(of: date) != nil, "\(a)=\(d) is not YYYYMMDDThhmmssZ") }
            }
            if node.name == "prop" { f.check(node["type"] != nil && node.children.isEmpty, "bad prop") }
            if node.name == "note" { f.check(node.children.isEmpty, "markup in note") }
        }
        var tuids = Set<String>()
        for tu in body.children {
            if let id = tu["tuid"] { f.check(tuids.insert(id).inserted, "duplicate tuid \(id)") }
            f.check(matchesSequence(tu.children.map(\.name), [(["note", "prop"], 0, .max), (["tuv"], 1, .max)]),
                    "tu must hold (note|prop)*, tuv+ at \(tu.path)")
            let langs = tu.children("tuv").map { $0["xml:lang"] ?? $0["lang"] }
            f.check(langs.allSatisfy { $0 != nil }, "a tuv lacks xml:lang at \(tu.path)")
            let unitSrc = tu["srclang"] ?? srclang
            if unitSrc != "*all*" { f.check(langs.contains(unitSrc), "no tuv in srclang \(unitSrc) at \(tu.path)") }
            for tuv in tu.children("tuv") {
                f.check(matchesSequence(tuv.children.map(\.name), [(["note", "prop"], 0, .max), (["seg"], 1, 1)]),
                        "tuv must hold (note|prop)*, seg at \(tuv.path)")
                for seg in tuv.children("seg") {
                    f.check(seg.children.allSatisfy { ["bpt", "ept", "it", "ph", "hi", "ut"].contains($0.name) },
                            "bad inline element in \(seg.path)")
                }
            }
        }
        return f
    }
}
