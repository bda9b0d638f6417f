import LiggareJSON
import Testing

/// Exact messages and positions for hand-written bad inputs, identical across the entry points.
@Suite("Error messages and positions")
struct ErrorMessageTests {
    @Test("parse reports the exact message, offset, line and column", arguments: ErrorCase.all)
    func exactError(_ errorCase: ErrorCase) throws {
        let error = try #require(Outcome.parse(errorCase.input, .ledger).error, "\(errorCase.name) was accepted")
        #expect(error.message == errorCase.message)
        #expect(error.offset == errorCase.offset)
        #expect(error.line == errorCase.line)
        #expect(error.column == errorCase.column)
        #expect(error.description == "line \(errorCase.line), column \(errorCase.column) (byte \(errorCase.offset)): \(errorCase.message)")
    }

    @Test("validate and scanTopLevelObject report the same error as parse", arguments: ErrorCase.all)
    func sameErrorEverywhere(_ errorCase: ErrorCase) throws {
        let parsed = Outcome.parse(errorCase.input, .ledger)
        #expect(Outcome.validate(errorCase.input, .ledger) == parsed)
        if errorCase.input.first == UInt8(ascii: "{") {
            #expect(Outcome.scan(errorCase.input, .ledger) == parsed)
        }
    }

    @Test("String and raw-buffer entry points report the same error as [UInt8]", arguments: ErrorCase.all)
    func sameErrorForStrings(_ errorCase: ErrorCase) throws {
        let expected = try #require(Outcome.parse(errorCase.input, .ledger).error)
        let raw: JSONError? = errorCase.input.withUnsafeBytes { (bytes) -> JSONError? in
            do throws(JSONError) {
                try JSONReader.validate(bytes)
                return nil
            } catch {
                return error
            }
        }
        #expect(raw == expected)
        // Inputs that are valid UTF-8 can also be passed as a String.
        if let text = String(validating: errorCase.input, as: UTF8.self) {
            #expect(throws: expected) { try JSONReader.parse(text) }
            #expect(throws: expected) { try JSONReader.validate(text) }
        }
    }

    @Test("scanTopLevelObject rejects a top level that is not an object")
    func scanRequiresObject() {
        let cases: [(String, String, Int)] = [
            ("[1]", "expected a JSON object at the top level, found '['", 0),
            ("  \"x\"", "expected a JSON object at the top level, found '\"'", 2),
            ("1", "expected a JSON object at the top level, found '1'", 0),
            ("", "expected a JSON object at the top level, found end of input", 0),
            ("\n", "expected a JSON object at the top level, found end of input", 1),
        ]
        for (text, message, offset) in cases {
            let error = Outcome.scan(Array(text.utf8), .ledger).error
            #expect(error?.message == message, "\(text)")
            #expect(error?.offset == offset, "\(text)")
        }
    }

    @Test("the maximum depth option is honoured and clamped")
    func depthOption() throws {
        let nested = { (depth: Int) in Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8) }
        #expect(Outcome.validate(nested(512), .ledger) == .accepted)
        #expect(Outcome.validate(nested(3), JSONReadOptions(maximumDepth: 3)) == .accepted)
        #expect(Outcome.validate(nested(4), JSONReadOptions(maximumDepth: 3)).error?.message == "nesting deeper than 3 levels")
        #expect(Outcome.validate(nested(1), JSONReadOptions(maximumDepth: 0)).error?.message == "nesting deeper than 0 levels")
        #expect(Outcome.validate(Array("7".utf8), JSONReadOptions(maximumDepth: -5)) == .accepted)
        let huge = JSONReadOptions(maximumDepth: .max)
        #expect(huge.effectiveMaximumDepth == JSONReadOptions.depthCeiling)
        #expect(Outcome.parse(nested(JSONReadOptions.depthCeiling), huge) == .accepted)
        let tooDeep = try #require(Outcome.parse(nested(JSONReadOptions.depthCeiling + 1), huge).error)
        #expect(tooDeep.message == "nesting deeper than 2048 levels")
        #expect(tooDeep.offset == 2048)
    }
}
