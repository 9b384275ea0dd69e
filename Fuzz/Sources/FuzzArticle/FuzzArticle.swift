import Foundation
import FuzzDriver
import DragomanPretranslate
import DragomanText

/// An article file as `pretranslate` reads it: strict decoding, then the article parser
/// in both layouts and every segmentation language. Rebuilding the article from its
/// parts gives back the text exactly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text: String
    do {
        text = try TextDecoding.decode(bytes)
    } catch is TextDecodingError {
        return 0
    } catch {
        fatalError("untyped error \(type(of: error)): \(error)")
    }
    for layout in TextLayout.allCases {
        for language in SegmentationLanguage.allCases {
            let article = ArticleParser.parse(text, layout: layout, language: language)
            if article.source != text {
                fatalError("the article does not rebuild its text (\(layout), \(language))")
            }
            for (i, segment) in article.segments.enumerated() where segment.index != i || segment.text.isEmpty {
                fatalError("bad segment \(i): \(segment)")
            }
        }
    }
    return 0
}

@main
enum FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
        exit(status)
    }
}
