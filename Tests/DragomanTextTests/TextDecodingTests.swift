import Testing
@testable import DragomanText

@Suite struct TextDecodingTests {
    @Test func acceptsBOMAndCRLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("القدس\r\nغزة\rالضفة\n".utf8)
        #expect(try TextDecoding.decode(bytes) == "القدس\nغزة\nالضفة\n")
    }

    @Test func invalidUTF8NamesTheByteOffset() {
        let bytes = Array("القدس ".utf8) + [0xD8] + Array(" غزة".utf8)
        #expect(throws: TextDecodingError(byteOffset: 11, reason: "invalid UTF-8 (byte 0xD8)")) {
            try TextDecoding.decode(bytes)
        }
    }

    @Test func overlongAndSurrogatesAreInvalid() {
        #expect(TextDecoding.firstInvalidUTF8([0xC0, 0x80]) == 0)
        #expect(TextDecoding.firstInvalidUTF8([0x41, 0xED, 0xA0, 0x80]) == 1)
        #expect(TextDecoding.firstInvalidUTF8([0xF4, 0x90, 0x80, 0x80]) == 0)
        #expect(TextDecoding.firstInvalidUTF8(Array("سلام 😀".utf8)) == nil)
    }

    @Test func utf16AndBinaryAreRefused() {
        #expect(throws: TextDecodingError.self) { try TextDecoding.decode([0xFF, 0xFE, 0x27, 0x06]) }
        #expect(throws: TextDecodingError.self) { try TextDecoding.decode([0x41, 0x00, 0x42]) }
    }
}
