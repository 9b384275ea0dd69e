import DragomanGlossary
import Foundation
import DragomanPretranslate
import DragomanTM

/// Writes one JSON object per segment, one per line (JSON Lines), for scripts:
/// `jq -c 'select(.state == "needs-review")' article.ar.jsonl`.
///
/// Every object has the same keys, sorted, with `null` where a value is missing; ranges
/// are `{"end": …, "start": …}` in UTF-16 code units (of the source text for `range`, of
/// the segment for terms, numbers and `queryDifferences`, of the TM source for
/// `sourceDifferences`).
///
/// Keys: `alternatives` (suggestions), `block`, `file`, `id` (`u1`… as in the XLIFF),
/// `index` (from 0), `kind`, `match` (the proposal's suggestion or null), `numbers`,
/// `paragraph`, `range`, `repetitionOf` (index or null), `score`, `source`, `state`
/// (`translated`, `needs-review`, `untranslated`), `target`, `terms`, `words`.
/// A suggestion: `changed`, `explanation`, `kind`, `origin`, `queryDifferences`,
/// `repairs` (`{"by","from","sourceSpan","targetSpan","to"}`: `by` is number, glossary,
/// fragment or copy; `sourceSpan` is UTF-16 in the segment, `targetSpan` in `target`),
/// `score`, `source`, `sourceDifferences`, `storedTarget` (the TM's target as stored when
/// `target` was repaired, else null), `target`, `unitID`, `unrepaired` (differences left
/// as stored: `{"query","querySpan","reason","source","sourceSpan"}`).
/// A term: `end`, `entryID`, `flagged`, `matchKind`, `start`, `status`, `surface`, `term`,
/// `translations`. A number: `end`, `start`, `text`, `value`.
///
/// Below the sentence: `fragments` (the spans the TM holds, in segment order: `start`,
/// `end` (UTF-16 in the segment), `source`, `target`, `count`, `confidence` (0–1),
/// `alternatives` (`{"count","target"}`), `units` (TM unit ids), `words`) and `assembled`
/// (null, or the draft of a segment without a match: `text` (untranslated words between
/// ⟦ and ⟧), `coverage` (0–1), `coveredWords`, `totalWords`, `isTarget` (whether it is the
/// segment's `target`, with `--assembled-as-target`; `kind`, `match` and `score` then stay
/// null: it is no TM match), `parts` (`start`, `end`, `source`, `text`, `origin`: fragment,
/// glossary, number, copy or untranslated)).
public struct SegmentJSONWriter: DocumentWriter {
    public init() {}

    public func write(_ document: PretranslatedDocument) throws -> String {
        var out = ""
        for s in document.segments {
            JSONValue.object(Self.object(s, file: document.fileName)).serialize(into: &out)
            out += "\n"
        }
        return out
    }

    /// The object of one segment.
    static func object(_ s: PretranslatedSegment, file: String) -> [String: JSONValue] {
        var object = fields(s, file: file)
        // Present when the proposal failed a quality check (a forbidden term, a number).
        if !s.checks.isEmpty { object["checks"] = .array(s.checks.map { .string($0) }) }
        return object
    }

    static func fields(_ s: PretranslatedSegment, file: String) -> [String: JSONValue] {
        [
            "alternatives": .array(s.alternatives.map { .object(suggestion($0)) }),
            "assembled": s.assembled.map { .object(assembled($0, isTarget: s.assembledIsTarget)) } ?? .null,
            "block": .string(Naming.blockName(s.segment.block)),
            "file": .string(file),
            "fragments": .array(s.fragments.map { .object(fragment($0)) }),
            "id": .string(Naming.unitID(s.segment.index)),
            "index": .int(s.segment.index),
            "kind": s.best.map { .string($0.kind.rawValue) } ?? .null,
            "match": s.best.map { .object(suggestion($0)) } ?? .null,
            "numbers": .array(s.numbers.map {
                .object(["text": .string($0.text), "value": .string($0.value),
                         "start": .int($0.range.lowerBound), "end": .int($0.range.upperBound)])
            }),
            "paragraph": .int(s.segment.paragraph),
            "range": range(s.segment.range),
            "repetitionOf": s.repetitionOf.map { .int($0) } ?? .null,
            "score": s.best.map { .int($0.score) } ?? .null,
            "source": .string(s.segment.text),
            "state": .string(s.state.rawValue),
            "target": s.target.map { .string($0) } ?? .null,
            "terms": .array(s.terms.map {
                .object([
                    "start": .int($0.range.lowerBound), "end": .int($0.range.upperBound),
                    "entryID": .int(Int($0.entryID)), "flagged": .bool($0.isFlagged), "matchKind": .string($0.matchKind),
                    "status": .string($0.status.rawValue), "surface": .string($0.surface), "term": .string($0.term),
                    "translations": .array($0.translations.map { .string($0) }),
                ])
            }),
            "words": .int(s.words),
        ]
    }

    static func suggestion(_ m: Suggestion) -> [String: JSONValue] {
        [
            "changed": .string(Naming.isoDate(m.changed)),
            "explanation": .string(m.explanation),
            "kind": .string(m.kind.rawValue),
            "origin": m.origin.map { .string($0) } ?? .null,
            "queryDifferences": .array(m.queryDifferences.map(range)),
            "repairs": .array(m.repairs.map(repair)),
            "score": .int(m.score),
            "source": .string(m.source),
            "sourceDifferences": .array(m.sourceDifferences.map(range)),
            "storedTarget": m.storedTarget.map { .string($0) } ?? .null,
            "target": .string(m.target),
            "unitID": m.unitID.map { .int(Int($0)) } ?? .null,
            "unrepaired": .array((m.unrepaired ?? []).map { u in
                .object(["query": .string(u.query), "querySpan": range(u.querySpan.range), "reason": .string(u.reason),
                         "source": .string(u.source), "sourceSpan": range(u.sourceSpan.range)])
            }),
        ]
    }

    static func repair(_ r: NumberRepair) -> JSONValue {
        .object([
            "by": r.by.map { .string($0) } ?? .null,
            "from": .string(r.from),
            "sourceSpan": r.sourceSpan.map { range($0.range) } ?? .null,
            "targetSpan": r.targetSpan.map { range($0.range) } ?? .null,
            "to": .string(r.to),
        ])
    }

    static func fragment(_ f: TMFragment) -> [String: JSONValue] {
        [
            "start": .int(f.range.lowerBound), "end": .int(f.range.upperBound),
            "source": .string(f.source), "target": .string(f.target),
            "count": .int(f.count), "confidence": .number(f.confidence),
            "alternatives": .array(f.alternatives.map { .object(["target": .string($0.target), "count": .int($0.count)]) }),
            "units": .array(f.units.map { .int(Int($0)) }),
            "words": .int(f.words),
        ]
    }

    static func assembled(_ d: AssembledDraft, isTarget: Bool) -> [String: JSONValue] {
        [
            "text": .string(d.text), "coverage": .number(d.coverage),
            "coveredWords": .int(d.coveredWords), "totalWords": .int(d.totalWords), "isTarget": .bool(isTarget),
            "parts": .array(d.parts.map {
                .object(["start": .int($0.range.lowerBound), "end": .int($0.range.upperBound), "source": .string($0.source),
                         "text": .string($0.text), "origin": .string($0.origin.rawValue)])
            }),
        ]
    }

    static func range(_ r: Range<Int>) -> JSONValue {
        .object(["start": .int(r.lowerBound), "end": .int(r.upperBound)])
    }
}

/// A JSON value written with sorted keys, explicit nulls and no escaping beyond what
/// JSON requires (non-ASCII text stays as it is), so the output is stable byte for byte.
enum JSONValue: Hashable {
    case null
    case bool(Bool)
    case int(Int)
    /// A fraction, written with at most four decimals ("0.7273"); not finite: null.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    func serialize(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d):
            guard d.isFinite else { out += "null"; break }
            let rounded = (d * 10_000).rounded() / 10_000
            out += rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            out += "["
            for (n, item) in items.enumerated() {
                if n > 0 { out += "," }
                item.serialize(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            // Keys compared by code points, so the order does not depend on the locale.
            for (n, key) in members.keys.sorted(by: { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }).enumerated() {
                if n > 0 { out += "," }
                Self.quote(key, into: &out)
                out += ":"
                members[key]!.serialize(into: &out)
            }
            out += "}"
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                // Control characters, and U+2028/U+2029 which break JavaScript readers.
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
