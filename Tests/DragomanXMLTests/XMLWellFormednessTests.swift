import Testing
@testable import DragomanXML

@Suite struct XMLWellFormednessTests {
    @Test func mismatchedEndTagNamesBothTagsAndThePlace() throws {
        let xml = """
        <tmx>
          <body>
            <tu>
              <tuv xml:lang="ar">
                <seg>الأمين العام</tuv>
              </tuv>
            </tu>
          </body>
        </tmx>
        """
        let error = try #require(xmlError(xml))
        #expect(error.line == 5)
        #expect(error.column == 26)
        #expect(error.message.hasPrefix("mismatched end tag </tuv>, expected </seg>"))
        #expect(error.description.hasPrefix("line 5, column 26: mismatched end tag </tuv>, expected </seg>"))
    }

    @Test func unclosedElementAtEndOfFilePointsAtItsStartTag() throws {
        let error = try #require(xmlError("<tmx>\n  <body>\n    <tu>\n  </body>\n</tmx>"))
        #expect(error.line == 4)
        #expect(error.message.contains("expected </tu>"))
        let eof = try #require(xmlError("<tmx>\n  <body>\n    <tu>\n"))
        #expect(eof.line == 3 && eof.column == 5)
        #expect(eof.message.contains("<tu> is never closed"))
    }

    @Test func duplicateAttribute() throws {
        let error = try #require(xmlError("<tmx>\n<tuv xml:lang=\"ar\" xml:lang=\"en\"/></tmx>"))
        #expect(error.line == 2 && error.column == 20)
        #expect(error.message == "duplicate attribute xml:lang in <tuv>")
    }

    @Test func lessThanInAttributeValue() throws {
        let error = try #require(xmlError("<a>\n<b title=\"x<y\"/></a>"))
        #expect(error.line == 2 && error.column == 12)
        #expect(error.message.contains("'<' is not allowed in an attribute value"))
    }

    @Test func badNames() throws {
        #expect(try #require(xmlError("<a>\n<1seg/></a>")).line == 2)
        #expect(try #require(xmlError("<a><b =\"1\"/></a>")).message.contains("invalid attribute name"))
        #expect(try #require(xmlError("<a><b c=1/></a>")).message.contains("must be in quotes"))
        #expect(try #require(xmlError("<a><b c/></a>")).message.contains("has no value"))
        #expect(try #require(xmlError("<a><b c=\"1\"d=\"2\"/></a>")).message.contains("expected whitespace"))
        #expect(try #require(xmlError("<a>< b/></a>")).message.contains("must be followed by an element name"))
        #expect(try #require(xmlError("<a><b×/></a>")).message.contains("cannot appear in a name"))
    }

    @Test func textAfterRootAndSecondRoot() throws {
        let after = try #require(xmlError("<tmx/>\n\nstray"))
        #expect(after.line == 3 && after.column == 1)
        #expect(after.message.contains("text after the end of the root element"))
        let second = try #require(xmlError("<a/>\n<b/>"))
        #expect(second.line == 2)
        #expect(second.message.contains("a second root element"))
        #expect(xmlError("<a/>\n<!-- trailing comment -->\n<?pi ok?>\n  ") == nil)
    }

    @Test func missingRoot() throws {
        #expect(try #require(xmlError("")).message.contains("no root element"))
        #expect(try #require(xmlError("<?xml version=\"1.0\"?>\n<!-- only a comment -->\n")).message.contains("no root element"))
        #expect(try #require(xmlError("just text")).message.contains("text before the root element"))
    }

    @Test func ampersandAndCDATAEndInText() throws {
        let amp = try #require(xmlError("<a>\nAT&T</a>"))
        #expect(amp.line == 2 && amp.column == 3)
        #expect(amp.message.contains("missing its ';'"))
        #expect(try #require(xmlError("<a>a & b</a>")).message.contains("must start an entity reference"))
        #expect(try #require(xmlError("<a>x]]>y</a>")).message.contains("']]>' is not allowed"))
        #expect(xmlError("<a>x]>y]]</a>") == nil)
    }

    @Test func commentsMustNotContainDoubleHyphen() throws {
        #expect(try #require(xmlError("<a><!-- a -- b --></a>")).message.contains("'--' is not allowed"))
        #expect(try #require(xmlError("<a><!-- open")).message.contains("unterminated comment"))
    }

    @Test func xmlDeclarationOnlyAtTheStart() throws {
        #expect(try #require(xmlError(" <?xml version=\"1.0\"?><a/>")).message.contains("only allowed at the very start"))
        #expect(try #require(xmlError("<a><?xml version=\"1.0\"?></a>")).message.contains("only allowed at the very start"))
    }

    @Test func everyLaterCallRethrowsTheSameError() throws {
        var parser = XMLPullParser(string: "<a></b>")
        _ = try parser.next()
        let first = #expect(throws: XMLError.self) { try parser.next() }
        let second = #expect(throws: XMLError.self) { try parser.next() }
        #expect(first == second)
    }

    @Test func errorsAreFoundAcrossChunkBoundaries() throws {
        let xml = "<a>\n<b x=\"1\" x=\"2\"/></a>"
        for size in [1, 2, 5] {
            #expect(xmlError(xml, chunkSize: size) == xmlError(xml))
        }
    }
}
