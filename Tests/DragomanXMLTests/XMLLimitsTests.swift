import Testing
@testable import DragomanXML

@Suite struct XMLLimitsTests {
    @Test func depthLimit() throws {
        var limits = XMLPullParser.Limits.default
        limits.maxDepth = 3
        #expect(xmlError("<a><b><c/></b></a>", limits: limits) == nil)
        let error = try #require(xmlError("<a><b><c>\n<d/></c></b></a>", limits: limits))
        #expect(error.line == 2)
        #expect(error.message.contains("deeper than 3 levels"))
        let deep = String(repeating: "<x>", count: 600) + String(repeating: "</x>", count: 600)
        #expect(try #require(xmlError(deep)).message.contains("deeper than 512"))
    }

    @Test func nameLengthLimit() throws {
        var limits = XMLPullParser.Limits.default
        limits.maxNameLength = 8
        #expect(xmlError("<abcdefgh/>", limits: limits) == nil)
        #expect(try #require(xmlError("<abcdefghi/>", limits: limits)).message.contains("Limits.maxNameLength"))
        #expect(try #require(xmlError("<a abcdefghi=\"\"/>", limits: limits)).message.contains("Limits.maxNameLength"))
    }

    @Test func attributeCountLimit() throws {
        var limits = XMLPullParser.Limits.default
        limits.maxAttributesPerElement = 2
        #expect(xmlError("<a x=\"1\" y=\"2\"/>", limits: limits) == nil)
        #expect(try #require(xmlError("<a x=\"1\" y=\"2\" z=\"3\"/>", limits: limits)).message.contains("more than 2 attributes"))
    }

    @Test func textAndAttributeSizeLimits() throws {
        var limits = XMLPullParser.Limits.default
        limits.maxTextLength = 100
        let small = String(repeating: "غ", count: 50)
        #expect(xmlError("<a>\(small)</a>", limits: limits) == nil)
        let big = String(repeating: "غ", count: 51)
        #expect(try #require(xmlError("<a>\(big)</a>", limits: limits)).message.contains("Limits.maxTextLength"))
        #expect(try #require(xmlError("<a v=\"\(big)\"/>", limits: limits)).message.contains("Limits.maxTextLength"))
        #expect(try #require(xmlError("<a><![CDATA[\(big)]]></a>", limits: limits)).message.contains("Limits.maxTextLength"))
    }
}
