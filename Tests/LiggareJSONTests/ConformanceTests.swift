import LiggareJSON
import Testing

/// JSONTestSuite (nst/JSONTestSuite) parsing files: y_ must be accepted, n_ rejected, i_ as in the table.
@Suite("JSONTestSuite conformance")
struct ConformanceTests {
    @Test("the fixture directory holds the expected 95 y_, 188 n_ and 35 i_ files")
    func fixtureCounts() {
        #expect(TestSuiteFiles.accepted.count == 95)
        #expect(TestSuiteFiles.rejected.count == 188)
        #expect(TestSuiteFiles.implementationDefined.count == 35)
    }

    @Test("every y_ file is accepted by parse and validate with .rfc8259", arguments: TestSuiteFiles.accepted)
    func acceptsValid(_ name: String) throws {
        let bytes = try TestSuiteFiles.bytes(name)
        #expect(Outcome.parse(bytes, .rfc8259) == .accepted)
        #expect(Outcome.validate(bytes, .rfc8259) == .accepted)
    }

    @Test("every y_ file except the two with duplicate keys is also accepted with .ledger", arguments: TestSuiteFiles.accepted)
    func acceptsValidUnderLedger(_ name: String) throws {
        let bytes = try TestSuiteFiles.bytes(name)
        let duplicates: [String: String] = [
            "y_object_duplicated_key.json": "duplicate key \"a\" in an object",
            "y_object_duplicated_key_and_value.json": "duplicate key \"a\" in an object",
        ]
        if let message = duplicates[name] {
            let error = try #require(Outcome.parse(bytes, .ledger).error)
            #expect(error.message == message)
            #expect(error.offset == 9)
            #expect(Outcome.validate(bytes, .ledger) == .rejected(error))
            #expect(Outcome.scan(bytes, .ledger) == .rejected(error))
        } else {
            #expect(Outcome.parse(bytes, .ledger) == .accepted)
            #expect(Outcome.validate(bytes, .ledger) == .accepted)
        }
    }

    @Test("every n_ file is rejected by parse, validate and scanTopLevelObject", arguments: TestSuiteFiles.rejected)
    func rejectsInvalid(_ name: String) throws {
        let bytes = try TestSuiteFiles.bytes(name)
        for options in [JSONReadOptions.ledger, .rfc8259] {
            for outcome in [Outcome.parse(bytes, options), Outcome.validate(bytes, options), Outcome.scan(bytes, options)] {
                let error = try #require(outcome.error, "\(name) was accepted")
                #expect(!error.message.isEmpty)
                #expect((0...bytes.count).contains(error.offset))
                #expect(error.line >= 1 && error.column >= 1)
            }
        }
    }

    @Test("the i_ table covers exactly the i_ files")
    func tableCoversFiles() {
        #expect(Set(ImplementationDefinedTable.outcomes.keys) == Set(TestSuiteFiles.implementationDefined))
    }

    @Test("every i_ file is read as the table says", arguments: TestSuiteFiles.implementationDefined)
    func implementationDefined(_ name: String) throws {
        let bytes = try TestSuiteFiles.bytes(name)
        let expected = try #require(ImplementationDefinedTable.outcomes[name], "\(name) is missing from the table")
        for options in [JSONReadOptions.ledger, .rfc8259] {
            for outcome in [Outcome.parse(bytes, options), Outcome.validate(bytes, options)] {
                switch expected {
                case .accept:
                    #expect(outcome == .accepted, "\(name): \(outcome)")
                case .reject(let reason):
                    let error = try #require(outcome.error, "\(name) was accepted")
                    #expect(error.message.contains(reason), "\(name): \(error)")
                }
            }
        }
    }

    @Test("parse and validate agree on every file, under both options", arguments: TestSuiteFiles.all)
    func parseAndValidateAgree(_ name: String) throws {
        let bytes = try TestSuiteFiles.bytes(name)
        for options in [JSONReadOptions.ledger, .rfc8259] {
            let parsed = Outcome.parse(bytes, options)
            #expect(parsed == Outcome.validate(bytes, options))
            // For texts whose top level is an object, scanTopLevelObject agrees too.
            let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
            if first == UInt8(ascii: "{") && !name.hasPrefix("i_structure_UTF-8_BOM") {
                #expect(parsed == Outcome.scan(bytes, options))
            }
        }
    }
}
