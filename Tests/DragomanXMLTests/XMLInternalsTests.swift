import Testing
@testable import DragomanXML

@Suite struct XMLInternalsTests {
    static func mask(_ bytes: [UInt8]) -> (UInt64, UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0
        for b in bytes {
            if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
        }
        return (low, high)
    }

    @Test func stopMasksMatchTheirDefinitions() {
        let controls = Array(UInt8(0)..<0x20)
        let text = Self.mask(controls + Array("<&>]".utf8))
        #expect(StopMask.textLow == text.0 && StopMask.textHigh == text.1)
        #expect(StopMask.attributeDoubleLow == Self.mask(controls + Array("<&\"".utf8)).0)
        #expect(StopMask.attributeSingleLow == Self.mask(controls + Array("<&'".utf8)).0)
        let cdata = Self.mask(controls + Array("]".utf8))
        #expect(StopMask.cdataLow == cdata.0 && StopMask.cdataHigh == cdata.1)
        #expect(StopMask.commentLow == Self.mask(controls + Array("-".utf8)).0)
        #expect(StopMask.piLow == Self.mask(controls + Array("?".utf8)).0)
        let nameBytes = (UInt8(0)..<0x80).filter { XMLCharacters.isNameChar(UInt32($0)) }
        let name = Self.mask(nameBytes)
        #expect(StopMask.nameLow == name.0 && StopMask.nameHigh == name.1)
    }
}
