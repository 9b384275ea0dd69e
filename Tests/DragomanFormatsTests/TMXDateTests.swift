import Foundation
import Testing
@testable import DragomanFormats

@Suite struct TMXDateTests {
    @Test func formatsAndParses() throws {
        #expect(TMXDate.format(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        #expect(TMXDate.format(Date(timeIntervalSince1970: -1)) == "19691231T235959Z")
        let leap = try #require(TMXDate.parse("20240229T235959Z"))
        #expect(TMXDate.format(leap) == "20240229T235959Z")
        #expect(TMXDate.parse("20240229T235959") == leap)
        #expect(TMXDate.parse("20230229T000000Z") == nil)
        #expect(TMXDate.parse("2024-01-15") == nil)
        #expect(TMXDate.parse("20241301T000000Z") == nil)
        #expect(TMXDate.parse("20240115T246000Z") == nil)
    }

    @Test func agreesWithFoundation() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        for seconds in stride(from: -2_000_000_000.0, to: 4_000_000_000.0, by: 86_399_937.0) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(TMXDate.format(date) == formatter.string(from: date), "\(seconds)")
            #expect(TMXDate.parse(TMXDate.format(date)) == date)
        }
    }
}
