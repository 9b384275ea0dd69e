import DragomanText
import Testing
@testable import DragomanTM

/// A query's number written where the target had another: the target's digits, its
/// grouping, its percent sign, and the ordinal ending the new value takes.
@Suite struct NumberRenderingTests {
    @Test(arguments: [
        ("40", "35", "40"),
        ("٤٠", "35", "40"),            // Arabic-Indic digits into the target's ASCII
        ("40", "٣٥", "٤٠"),            // and back
        ("12500", "1,250", "12,500"),  // grouped as the target groups
        ("12,500", "35", "12,500"),    // or as the query did
        ("1250000", "١٬٢٥٠", "١٬٢٥٠٬٠٠٠"),
        ("3.5", "1,250", "3.5"),
        ("3", "14th", "3rd"),
        ("11", "1st", "11th"),
        ("22", "4th", "22nd"),
        ("101", "2ND", "101ST"),
        ("20%", "35%", "20%"),
    ])
    func rendering(query: String, target: String, written: String) throws {
        let to = try #require(NumberValue.parse(query)), value = try #require(NumberValue.parse(target))
        #expect(NumberRepairer.render(to, replacing: target, value: value, queryText: query) == written)
    }
}
